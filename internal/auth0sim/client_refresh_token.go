package auth0sim

// A client's refresh_token settings (POST, PATCH and GET /api/v2/clients).
//
// Where it comes from:
//   - Published spec: Auth0's Management API schemas
//     ClientRefreshTokenConfiguration and ClientRefreshTokenPolicy (as
//     mirrored in github.com/api-evangelist/auth0, json-schema/
//     auth0-clientrefreshtokenconfiguration-schema.json and
//     auth0-clientrefreshtokenpolicy-schema.json; the fields match go-auth0
//     v1.45.0 management.ClientRefreshToken): an object or null with no
//     other properties; rotation_type (rotating, non-rotating) and
//     expiration_type (expiring, non-expiring) required; leeway an integer
//     >= 0; token_lifetime an integer in [1, 157788000];
//     idle_token_lifetime an integer >= 1; infinite_token_lifetime and
//     infinite_idle_token_lifetime booleans; policies an array (or null) of
//     {audience: a string of 1 to 600 characters, scope: an array of
//     strings of 1 to 280 characters}, both required, nothing else.
//   - Docs, https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token
//     ("Limitations"): the Management API can not be included in a policy;
//     here that is a 400 (its wording is inference).
//     https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token/configure-and-implement-multi-resource-refresh-token:
//     an audience or scope that does not exist is silently ignored by the
//     exchange, so it is accepted here. Recording TestAccClientRefreshToken:
//     a policy with scope [] was accepted and read back as sent.
//   - Recorded: a client created without refresh_token reads back with
//     defaultRefreshToken (most recorded creates; the older ones carry the
//     31557600/2592000 lifetimes of their time), and PATCH
//     {"refresh_token": null} answered that same object
//     (TestAccClientConfig).
//   - A PATCH of refresh_token REPLACES the whole object: a field left out
//     takes its default and policies left out are gone. This is inference:
//     no recording sends a partial object (every recorded PATCH and POST
//     sends all seven fields, and the answer echoes them), the spec
//     requires rotation_type and expiration_type in every body, which a
//     merge would not need, and null resets every field to its default.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// defaultRefreshToken is what Auth0 answers for a client whose
// refresh_token was never set, in its recorded field order.
var defaultRefreshToken = orderedObject{
	{"rotation_type", json.RawMessage(`"non-rotating"`)},
	{"expiration_type", json.RawMessage(`"non-expiring"`)},
	{"leeway", json.RawMessage(`0`)},
	{"token_lifetime", json.RawMessage(`2592000`)},
	{"infinite_token_lifetime", json.RawMessage(`true`)},
	{"infinite_idle_token_lifetime", json.RawMessage(`true`)},
	{"idle_token_lifetime", json.RawMessage(`1296000`)},
}

// refreshTokenChecks validates each property of refresh_token by name.
var refreshTokenChecks = map[string]func(json.RawMessage, string) *apiError{
	"rotation_type":                checkEnum("rotating", "non-rotating"),
	"expiration_type":              checkEnum("expiring", "non-expiring"),
	"leeway":                       checkIntRange(0, -1),
	"token_lifetime":               checkIntRange(1, 157788000),
	"idle_token_lifetime":          checkIntRange(1, -1),
	"infinite_token_lifetime":      checkBool,
	"infinite_idle_token_lifetime": checkBool,
	"policies":                     checkRefreshTokenPolicies,
}

// normalizeRefreshToken validates a refresh_token body value and returns
// what the client holds afterwards: the defaults overlaid with the fields
// sent (nil for null, which restores the defaults).
func normalizeRefreshToken(raw json.RawMessage) (json.RawMessage, *apiError) {
	if jsonType(raw) == "null" {
		return nil, nil
	}
	obj, err := parseOrdered(raw)
	if err != nil {
		return nil, errBody("Expected type object but found type " + jsonType(raw) + "' on property refresh_token (Refresh token configuration)")
	}
	if e := checkProps(obj, "refresh_token", func(k string) bool { return refreshTokenChecks[k] != nil }); e != nil {
		return nil, e
	}
	for _, required := range []string{"rotation_type", "expiration_type"} {
		if _, ok := obj.get(required); !ok {
			return nil, errBody("Missing required property: " + required + "' on property refresh_token (Refresh token configuration)")
		}
	}
	for _, f := range obj {
		if e := refreshTokenChecks[f.Key](f.Value, "refresh_token."+f.Key); e != nil {
			return nil, e
		}
	}
	out := slices.Clone(defaultRefreshToken)
	for _, f := range obj {
		if i := slices.IndexFunc(out, func(d kv) bool { return d.Key == f.Key }); i >= 0 {
			out[i].Value = f.Value
		} else if jsonType(f.Value) != "null" { // policies
			out = append(out, f)
		}
	}
	return encodeOrdered(out), nil
}

// refreshTokenJSON is what a client with stored settings raw (nil: never
// set) shows as its refresh_token.
func refreshTokenJSON(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return encodeOrdered(defaultRefreshToken)
	}
	return raw
}

// encodeOrdered writes obj compactly, keys in order.
func encodeOrdered(obj orderedObject) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range obj {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteByte(':')
		_ = json.Compact(&b, f.Value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func checkEnum(values ...string) func(json.RawMessage, string) *apiError {
	return func(raw json.RawMessage, prop string) *apiError {
		v, e := decodeString(raw, prop)
		if e == nil && !slices.Contains(values, v) {
			e = errBody(fmt.Sprintf("No enum match for: %q' on property %s", v, prop))
		}
		return e
	}
}

// checkIntRange checks an integer in [lo, hi] (hi < 0: no maximum).
func checkIntRange(lo, hi int) func(json.RawMessage, string) *apiError {
	return func(raw json.RawMessage, prop string) *apiError {
		v, e := decodeInt(raw, prop)
		switch {
		case e != nil:
			return e
		case v < lo:
			return errBody(fmt.Sprintf("Value %d is less than minimum %d' on property %s", v, lo, prop))
		case hi >= 0 && v > hi:
			return errBody(fmt.Sprintf("Value %d is greater than maximum %d' on property %s", v, hi, prop))
		}
		return nil
	}
}

func checkBool(raw json.RawMessage, prop string) *apiError {
	_, e := decodeBool(raw, prop)
	return e
}

// checkRefreshTokenPolicies checks refresh_token.policies: null, or an
// array of {audience, scope}.
func checkRefreshTokenPolicies(raw json.RawMessage, prop string) *apiError {
	if jsonType(raw) == "null" {
		return nil
	}
	if jsonType(raw) != "array" {
		return errBody(fmt.Sprintf("Expected type array but found type %s' on property %s", jsonType(raw), prop))
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return errInvalidJSON()
	}
	for i, it := range items {
		if e := checkRefreshTokenPolicy(it, fmt.Sprintf("%s[%d]", prop, i)); e != nil {
			return e
		}
	}
	return nil
}

// checkRefreshTokenPolicy checks one policy: audience and scope required.
func checkRefreshTokenPolicy(raw json.RawMessage, prop string) *apiError {
	var m map[string]json.RawMessage
	if jsonType(raw) != "object" || json.Unmarshal(raw, &m) != nil {
		return errBody(fmt.Sprintf("Expected type object but found type %s' on property %s", jsonType(raw), prop))
	}
	if e := checkKeys(m, prop, "audience", "scope"); e != nil {
		return e
	}
	for _, required := range []string{"audience", "scope"} {
		if _, ok := m[required]; !ok {
			return errBody("Missing required property: " + required + "' on property " + prop)
		}
	}
	if e := checkLength(m["audience"], prop+".audience", 600); e != nil {
		return e
	}
	scopes, e := decodeStrings(m["scope"], prop+".scope")
	if e != nil {
		return e
	}
	for i := range scopes {
		if e := checkLength(json.RawMessage(fmt.Sprintf("%q", scopes[i])), fmt.Sprintf("%s.scope[%d]", prop, i), 280); e != nil {
			return e
		}
	}
	return nil
}

// checkLength checks a string of 1 to maxLen characters.
func checkLength(raw json.RawMessage, prop string, maxLen int) *apiError {
	v, e := decodeString(raw, prop)
	switch n := utf8.RuneCountInString(v); {
	case e != nil:
		return e
	case n < 1:
		return errBody("String is too short (0 chars), minimum 1' on property " + prop)
	case n > maxLen:
		return errBody(fmt.Sprintf("String is too long (%d chars), maximum %d' on property %s", n, maxLen, prop))
	}
	return nil
}

// refreshTokenPolicy is one entry of refresh_token.policies.
type refreshTokenPolicy struct {
	Audience string   `json:"audience"`
	Scope    []string `json:"scope"`
}

// refreshTokenPolicies are the policies of stored settings raw.
func refreshTokenPolicies(raw json.RawMessage) []refreshTokenPolicy {
	var rt struct {
		Policies []refreshTokenPolicy `json:"policies"`
	}
	_ = json.Unmarshal(raw, &rt)
	return rt.Policies
}

// checkNoManagementAPIPolicy refuses stored settings raw whose policies name
// the Management API (mgmtAudience).
func checkNoManagementAPIPolicy(raw json.RawMessage, mgmtAudience string) *apiError {
	for i, p := range refreshTokenPolicies(raw) {
		if p.Audience == mgmtAudience {
			return errBody(fmt.Sprintf("The Auth0 Management API (%s) can not be included in refresh token policies' on property refresh_token.policies[%d].audience", mgmtAudience, i))
		}
	}
	return nil
}
