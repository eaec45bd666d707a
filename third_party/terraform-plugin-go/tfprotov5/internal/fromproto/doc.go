// Copyright IBM Corp. 2020, 2026
// SPDX-License-Identifier: MPL-2.0

// Package fromproto converts Protocol Buffers generated tfplugin5 types into
// terraform-plugin-go tfprotov5 types.
package fromproto
