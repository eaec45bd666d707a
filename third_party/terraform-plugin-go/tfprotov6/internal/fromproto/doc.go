// Copyright IBM Corp. 2020, 2026
// SPDX-License-Identifier: MPL-2.0

// Package fromproto converts Protocol Buffers generated tfplugin6 types into
// terraform-plugin-go tfprotov6 types.
package fromproto
