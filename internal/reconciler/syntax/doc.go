// Package syntax owns the grammar of what a config may write: origins,
// the cross-origin verification location, the audience domain and scope
// spellings. It is pure (no tenant, no model), so every face and the
// emulator's tests can share one parser, and it imports nothing of the core.
package syntax
