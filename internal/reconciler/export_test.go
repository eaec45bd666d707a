package reconciler

// SeedAPIForTest makes the session believe it read api at audience.
func (s *Session) SeedAPIForTest(audience string, api APIObservation) { s.storeAPI(audience, api) }
