// Package browser proves in headless Chromium that what myaccount configures
// lets a single-page app, written with the official @auth0/auth0-spa-js, log
// in to the emulator and call the My Account API.
package browser

import (
	"html/template"
	"net"
	"net/http"
	"os"
	"strconv"
)

// appPage logs in with auth0-spa-js (loginWithRedirect, then
// handleRedirectCallback on return), gets a My Account API token
// (getTokenSilently) and calls GET /me/v1/authentication-methods. It shows
// the outcome in #result: data-state "ok" with the response body, or "error"
// with the step that failed and what the browser said.
var appPage = template.Must(template.New("app").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>My Account API from {{.Origin}}</title>
<style>
body{font-family:sans-serif;margin:2em;max-width:46em}
#result{white-space:pre-wrap;padding:1em;border-radius:6px;border:2px solid #999}
#result[data-state=ok]{border-color:#2e7d32;background:#e8f5e9}
#result[data-state=error]{border-color:#c62828;background:#ffebee}
</style>
<script src="/auth0-spa-js.production.js"></script></head>
<body>
<h1>My Account API from a single-page app</h1>
<p>Origin <code>{{.Origin}}</code>, auth0-spa-js, audience <code>{{.Audience}}</code></p>
<p>GET <code>https://{{.Domain}}/me/v1/authentication-methods</code>:</p>
<div id="result" data-state="starting">starting</div>
<script>
(async () => {
  const out = document.getElementById('result');
  const show = (state, text) => { out.textContent = text; out.dataset.state = state; };
  let step = 'createAuth0Client';
  try {
    const client = await auth0.createAuth0Client({
      domain: {{.Domain}},
      clientId: {{.ClientID}},
      // With RefreshTokens, getTokenSilently renews with the refresh token
      // of the login, for another audience through the client's refresh
      // token policies (MRRT); the cache stays the default (memory).
      useRefreshTokens: {{.RefreshTokens}},
      useMrrt: {{.RefreshTokens}},
      // Without LoginAudience the login asks for no API, so that
      // getTokenSilently must renew in an iframe (response_mode web_message).
      // LoginScope is the login audience's own (scopes by audience), so
      // that a token for another audience asks only for its scope.
      authorizationParams: {redirect_uri: location.origin + '/', audience: {{.LoginAudience}} || undefined,
        scope: {{.LoginScope}} ? {[{{.LoginAudience}}]: {{.LoginScope}}} : ('openid profile email' + ({{.LoginAudience}} ? ' ' + {{.Scope}} : ''))},
      authorizeTimeoutInSeconds: 20,
    });
    const q = new URLSearchParams(location.search);
    if (!q.has('code') && !q.has('error')) {
      step = 'loginWithRedirect';
      show('login', 'logging in');
      await client.loginWithRedirect();
      return;
    }
    step = 'handleRedirectCallback';
    await client.handleRedirectCallback();
    history.replaceState({}, '', '/');
    step = 'getTokenSilently';
    const token = await client.getTokenSilently({authorizationParams: {audience: {{.Audience}}, scope: {{.Scope}}}});
    step = 'fetch /me/v1/authentication-methods';
    const resp = await fetch('https://' + {{.Domain}} + '/me/v1/authentication-methods', {headers: {Authorization: 'Bearer ' + token}});
    const body = await resp.text();
    if (!resp.ok) {
      show('error', step + ': HTTP ' + resp.status + ': ' + body);
      return;
    }
    const methods = JSON.parse(body).authentication_methods;
    show('ok', 'HTTP ' + resp.status + ': ' + methods.length + ' authentication method(s): ' +
      methods.map(m => m.type + ' (' + m.id + ')').join(', ') + '\n\n' + body);
  } catch (e) {
    show('error', step + ': ' + (e.error || e.name) + ': ' + (e.error_description || e.message));
  }
})();
</script>
</body></html>`))

// pageConfig fills appPage.
type pageConfig struct {
	Origin, Domain, ClientID, Audience, Scope string
	// LoginAudience is the audience of loginWithRedirect: Audience, the
	// app's own API, or "" to log in without one.
	LoginAudience string
	// LoginScope is the scope of loginWithRedirect, given to the SDK for
	// LoginAudience only; "" asks for openid profile email and, with
	// LoginAudience, Scope, for every audience.
	LoginScope string
	// RefreshTokens turns on useRefreshTokens and useMrrt.
	RefreshTokens bool
}

// App serves the page and the SDK's browser bundle from
// http://localhost:PORT, the SPA's origin.
type App struct {
	Origin string
	srv    *http.Server
	ln     net.Listener
}

func startApp(sdkBundle string, cfg pageConfig) (*App, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	cfg.Origin = "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	mux := http.NewServeMux()
	mux.HandleFunc("/auth0-spa-js.production.js", func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile(sdkBundle)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		_, _ = w.Write(b)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_ = appPage.Execute(w, cfg)
	})
	a := &App{Origin: cfg.Origin, ln: ln, srv: &http.Server{Handler: mux}}
	go func() { _ = a.srv.Serve(ln) }()
	return a, nil
}

func (a *App) Close() error { return a.srv.Close() }
