// Package quickstart embeds the quickstart MyAccountConfig so that
// `myaccount demo` works from any directory.
package quickstart

import _ "embed"

// Manifest is examples/quickstart/myaccountconfig.yaml.
//
//go:embed myaccountconfig.yaml
var Manifest []byte
