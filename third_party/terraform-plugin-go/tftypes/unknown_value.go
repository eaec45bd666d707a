// Copyright IBM Corp. 2020, 2026
// SPDX-License-Identifier: MPL-2.0

package tftypes

const (
	// UnknownValue represents a value that is not yet known. It can be the
	// value of any type.
	UnknownValue = unknown(0)
)

type unknown byte
