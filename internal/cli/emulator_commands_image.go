//go:build image

package cli

import "context"

// emulatorCommand finds none in the container image's build (see
// emulator_commands.go).
func emulatorCommand(string) func(context.Context, Env, []string) int { return nil }
