// Copyright IBM Corp. 2020, 2026
// SPDX-License-Identifier: MPL-2.0

// Package toproto converts terraform-plugin-go tfprotov5 types to Protocol
// Buffers generated tfplugin5 types.
package toproto
