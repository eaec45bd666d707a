package reconciler

// SeedAPIForTest makes the session believe it read api at audience.
func (s *Session) SeedAPIForTest(audience string, api APIObservation) { s.storeAPI(audience, api) }

// AddClientSettingForTest manages one more setting until the test ends, as
// a new descriptor would once added to clientSettings.
func AddClientSettingForTest(t interface{ Cleanup(func()) }, s *ListSetting) {
	was := clientSettings
	clientSettings = append(append([]clientSetting{}, was...), s)
	t.Cleanup(func() { clientSettings = was })
}

// Waiting is the number of client writes waiting in a batch.
func (s *Session) Waiting() int { return s.waiting() }
