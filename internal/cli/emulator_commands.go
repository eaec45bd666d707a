//go:build !image

package cli

import "context"

// emulatorCommand returns the command that links the Auth0 emulator, demo or
// sim. The container image's build (-tags image) leaves them out: the
// operator does not need them, and its process maps fewer pages of a smaller
// binary.
func emulatorCommand(name string) func(context.Context, Env, []string) int {
	switch name {
	case "demo":
		return runDemo
	case "sim":
		return runSim
	}
	return nil
}
