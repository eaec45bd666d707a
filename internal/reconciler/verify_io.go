package reconciler

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// ChainOptions turns on the chain check of Plan and Apply (Result.Chain).
type ChainOptions struct {
	// HTTP sends the preflights and the token call through the tenant's
	// limiter (mgmt.Client.TenantHTTP).
	HTTP *http.Client
	// UserToken, when set, is a user access token for the My Account API:
	// one GET of /me/v1/authentication-methods is made with it. It is
	// never logged nor kept in the result.
	UserToken string
}

// chainRequests is the most requests a chain check sends besides the
// run's reads: one preflight per origin and the token call.
func chainRequests(d Desired) int {
	n := 1
	for _, a := range d.Applications {
		origins := len(a.AllowedOrigins)
		if a.AllowedOrigins == nil {
			origins = maxUnlistedOrigins
		}
		n += origins + 1 // + the grant list, when no other read made it
	}
	return n
}

// meURL is the My Account API route a browser app calls first.
func meURL(audienceDomain string) string {
	return "https://" + strings.ToLower(audienceDomain) + "/me/v1/authentication-methods"
}

// verifyChain observes what the chain needs beyond the run's reads (the
// grant of applications whose config names none, one preflight per origin,
// the optional token call) and evaluates it. It writes nothing.
func (e *Engine) verifyChain(ctx context.Context, d Desired, o *observed) (*Verification, error) {
	opts := e.Chain
	audienceDomain, _ := AudienceDomainOf(o.myAccount().audience)
	v := &Verification{Audience: o.myAccount().audience, Apps: []AppVerification{}}
	var claims *TokenClaims
	if opts.UserToken != "" {
		c, err := ParseTokenClaims(opts.UserToken)
		if err != nil {
			return nil, err
		}
		claims = &c
		if v.TokenCall, err = callWithToken(ctx, opts.HTTP, audienceDomain, opts.UserToken); err != nil {
			return nil, err
		}
		v.TokenCall.ClientID = c.ClientID
	}
	sent := map[string]PreflightObservation{} // by origin sent and method
	for i, app := range d.Applications {
		var p *appPlan
		for _, ap := range o.apps {
			if ap.inConfig && ap.app.ClientID == app.ClientID {
				p = ap
			}
		}
		if p == nil || p.client == nil {
			continue
		}
		grant, err := o.session.UserGrant(ctx, app.ClientID, o.myAccount().audience)
		if err != nil {
			return nil, err
		}
		obs := ChainObservation{Index: i, AudienceDomain: audienceDomain, APIEnabled: d.API.Enabled || d.API.Unmanaged, DesiredPolicy: d.API.UserAccessPolicy,
			API: o.myAccount().api, App: app, Client: *p.client, Grant: grant, Preflights: map[string]PreflightObservation{}}
		if claims != nil && claims.ClientID == app.ClientID {
			obs.Token = claims
		}
		if o.myAccount().api.Active {
			method := PreflightMethod(NeededMethods(chainScopes(obs)))
			for _, origin := range ChainOrigins(app, p.client.ClientSettings) {
				key := PreflightOrigin(origin) + " " + method
				pf, ok := sent[key]
				if !ok {
					if pf, err = Preflight(ctx, opts.HTTP, audienceDomain, PreflightOrigin(origin), method); err != nil {
						return nil, err
					}
					sent[key] = pf
					v.Preflights++
				}
				obs.Preflights[origin] = pf
			}
		}
		checks := EvaluateChain(obs)
		for _, r := range o.systems[1:] {
			more, err := o.systemAPILinks(ctx, r, obs)
			if err != nil {
				return nil, err
			}
			checks = append(checks, more...)
		}
		v.Apps = append(v.Apps, AppVerification{ClientID: app.ClientID, Name: p.client.Name, Checks: checks})
	}
	return v, nil
}

// systemAPILinks are the links of another system API than My Account for
// the application of mine (its My Account chain's observation), when the
// config names the API and the application's grant or refresh-token
// policy for it.
func (o *observed) systemAPILinks(ctx context.Context, r *systemRun, mine ChainObservation) ([]LinkCheck, error) {
	if r.sys.UserAccessOf(mine.App) == nil && r.sys.PolicyOf(mine.App) == nil {
		return nil, nil
	}
	grant, err := o.session.UserGrant(ctx, mine.App.ClientID, r.audience)
	if err != nil {
		return nil, err
	}
	obs := ChainObservation{Index: mine.Index, AudienceDomain: mine.AudienceDomain, APIEnabled: r.spec.Enabled || !r.managed, DesiredPolicy: r.spec.UserAccessPolicy,
		API: r.api, App: mine.App, Client: mine.Client, Grant: grant, Sys: r.sys}
	return EvaluateSystemAPILinks(obs), nil
}

// Preflight sends the CORS preflight a browser sends before calling
// https://{audienceDomain}/me/v1/authentication-methods from origin. A
// request that got no answer is an observation (Err), not an error; the
// error is for a cancelled run or an exhausted request budget.
func Preflight(ctx context.Context, hc *http.Client, audienceDomain, origin, method string) (PreflightObservation, error) {
	obs := PreflightObservation{Origin: origin, Method: method}
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, meURL(audienceDomain), nil)
	if err != nil {
		obs.Err = err.Error()
		return obs, nil
	}
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", method)
	req.Header.Set("Access-Control-Request-Headers", PreflightRequestHeaders)
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil || isBudgetError(err) {
			return obs, err
		}
		obs.Err = err.Error()
		return obs, nil
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	obs.Status = resp.StatusCode
	obs.AllowOrigin = resp.Header.Get("Access-Control-Allow-Origin")
	obs.AllowMethods = strings.Join(resp.Header.Values("Access-Control-Allow-Methods"), ", ")
	obs.AllowHeaders = strings.Join(resp.Header.Values("Access-Control-Allow-Headers"), ", ")
	return obs, nil
}

func isBudgetError(err error) bool { return mgmt.ClassOf(err) == mgmt.OverBudget }

// ParseTokenClaims reads iss, aud and azp (or client_id) from a JWT access
// token without checking its signature: the tenant checks it on the call.
func ParseTokenClaims(token string) (TokenClaims, error) {
	bad := errors.New("the user token is not a JWT access token (three dot-separated parts with a JSON payload); pass the access token the SDK got for the audience https://{domain}/me/")
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return TokenClaims{}, bad
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return TokenClaims{}, bad
	}
	var raw struct {
		Iss      string          `json:"iss"`
		Aud      json.RawMessage `json:"aud"`
		Azp      string          `json:"azp"`
		ClientID string          `json:"client_id"`
	}
	if json.Unmarshal(payload, &raw) != nil {
		return TokenClaims{}, bad
	}
	c := TokenClaims{Issuer: raw.Iss, ClientID: raw.Azp}
	if c.ClientID == "" {
		c.ClientID = raw.ClientID
	}
	var one string
	if json.Unmarshal(raw.Aud, &one) == nil {
		c.Audience = []string{one}
	} else {
		_ = json.Unmarshal(raw.Aud, &c.Audience)
	}
	return c, nil
}

// callWithToken makes the one GET with the user's token and reports the
// status; the token goes only into the Authorization header. As with
// Preflight, a call that got no answer is an observation; the error is for
// a cancelled run or an exhausted request budget, which say nothing of the
// tenant.
func callWithToken(ctx context.Context, hc *http.Client, audienceDomain, token string) (*TokenCall, error) {
	tc := &TokenCall{URL: meURL(audienceDomain)}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tc.URL, nil)
	if err == nil {
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(token))
		var resp *http.Response
		if resp, err = hc.Do(req); err == nil {
			defer resp.Body.Close()
			tc.Status = resp.StatusCode
			var body struct{ Title, Detail string }
			_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&body)
			if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
				tc.Outcome, tc.Message = OutcomePass, fmt.Sprintf("GET %s answered %d with the user token", tc.URL, tc.Status)
				return tc, nil
			}
			tc.Outcome = OutcomeFail
			tc.Message = fmt.Sprintf("GET %s answered %d with the user token: %s", tc.URL, tc.Status, strings.TrimSpace(body.Title+": "+body.Detail))
			tc.Fix = tokenCallFix(resp.StatusCode)
			return tc, nil
		}
		if ctx.Err() != nil || isBudgetError(err) {
			return nil, err
		}
	}
	tc.Outcome, tc.Message = OutcomeFail, fmt.Sprintf("GET %s failed: %s", tc.URL, strings.ReplaceAll(err.Error(), token, "[token]"))
	tc.Fix = "check that the audience domain serves the My Account API"
	return tc, nil
}

func tokenCallFix(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "the token was refused: get a fresh token for the audience https://{domain}/me/ with the same domain, and check the links above"
	case http.StatusForbidden:
		return "the token lacks the scope for this call: request read:me:authentication_methods, and grant it in userAccess.scopes"
	case http.StatusTooManyRequests:
		return "the My Account API's rate limit was reached: try again in a moment"
	}
	return "see the links above"
}
