//go:build deps

// Package main pins dependencies before their first real import.
package main
