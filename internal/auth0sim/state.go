package auth0sim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const stateVersion = 1

// state is everything the tenant holds. It is persisted as JSON when
// Options.StateFile is set.
type state struct {
	Version       int    `json:"version"`
	Addr          string `json:"addr,omitempty"`
	Domain        string `json:"domain,omitempty"`
	CACertPEM     string `json:"ca_cert_pem"`
	CAKeyPEM      string `json:"ca_key_pem"`
	SigningKeyPEM string `json:"signing_key_pem"`

	MgmtClients     []*mgmtClient   `json:"management_clients"`
	Clients         []*clientRec    `json:"clients"`
	ResourceServers []*rsRec        `json:"resource_servers"`
	Grants          []*grantRec     `json:"client_grants"`
	CustomDomains   []*customDomain `json:"custom_domains"`
	MFAPolicies     []string        `json:"mfa_policies"`
	// Users: the seeded test user first.
	Users []*userRec `json:"users,omitempty"`
}

type mgmtClient struct {
	ClientID     string   `json:"client_id"`
	Secret       string   `json:"client_secret,omitempty"`
	PublicKeyPEM string   `json:"public_key_pem,omitempty"`
	Scopes       []string `json:"scopes"`
}

type clientRec struct {
	Client
	// Extra holds other accepted client properties set through PATCH.
	Extra map[string]json.RawMessage `json:"Extra,omitempty"`
}

type scopeRec struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

type popRec struct {
	Mechanism string `json:"mechanism"`
	Required  bool   `json:"required"`
}

type rsRec struct {
	ID                  string                     `json:"id"`
	Name                string                     `json:"name"`
	Identifier          string                     `json:"identifier"`
	IsSystem            bool                       `json:"is_system"`
	UserPolicy          string                     `json:"user_policy"`
	ClientPolicy        string                     `json:"client_policy"`
	TokenLifetime       int                        `json:"token_lifetime"`
	TokenLifetimeForWeb int                        `json:"token_lifetime_for_web"`
	SigningAlg          string                     `json:"signing_alg"`
	AllowOfflineAccess  bool                       `json:"allow_offline_access"`
	SkipConsent         bool                       `json:"skip_consent_for_verifiable_first_party_clients"`
	Scopes              []scopeRec                 `json:"scopes"`
	PoP                 *popRec                    `json:"proof_of_possession,omitempty"`
	AuthorizationPolicy json.RawMessage            `json:"authorization_policy,omitempty"`
	Extra               map[string]json.RawMessage `json:"extra,omitempty"`
	// ScopesPartialUntil: until then reads list only the connected_accounts
	// scopes (Options.PartialScopesAfterActivation).
	ScopesPartialUntil time.Time `json:"scopes_partial_until,omitzero"`
}

type grantRec struct {
	ID          string                     `json:"id"`
	ClientID    string                     `json:"client_id"`
	Audience    string                     `json:"audience"`
	Scope       []string                   `json:"scope"`
	SubjectType string                     `json:"subject_type"`
	Extra       map[string]json.RawMessage `json:"extra,omitempty"`
}

type customDomain struct {
	ID     string `json:"custom_domain_id"`
	Domain string `json:"domain"`
	Status string `json:"status"`
}

func newState() (*state, error) {
	st := &state{Version: stateVersion}
	if err := genKeys(st); err != nil {
		return nil, err
	}
	st.MgmtClients = []*mgmtClient{{
		ClientID: randAlnum(32),
		Secret:   randSecret(),
		Scopes:   ManagementScopes(),
	}}
	st.MFAPolicies = []string{}
	st.Users = []*userRec{newTestUser()}
	return st, nil
}

func loadState(path string) (*state, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth0sim: read state file: %w", err)
	}
	st := &state{}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("auth0sim: parse state file %s: %w", path, err)
	}
	if st.CACertPEM == "" || st.CAKeyPEM == "" || st.SigningKeyPEM == "" {
		if err := genKeys(st); err != nil {
			return nil, err
		}
	}
	if len(st.MgmtClients) == 0 {
		st.MgmtClients = []*mgmtClient{{ClientID: randAlnum(32), Secret: randSecret(), Scopes: ManagementScopes()}}
	}
	if st.MFAPolicies == nil {
		st.MFAPolicies = []string{}
	}
	if len(st.Users) == 0 {
		st.Users = []*userRec{newTestUser()}
	}
	st.Version = stateVersion
	return st, nil
}

// saveLocked writes the state file atomically (temp file + rename). s.mu must be held.
func (s *Server) saveLocked() error {
	if s.opts.StateFile == "" {
		return nil
	}
	b, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.opts.StateFile)
	f, err := os.CreateTemp(dir, ".auth0sim-state-*")
	if err != nil {
		return fmt.Errorf("auth0sim: save state: %w", err)
	}
	tmp := f.Name()
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("auth0sim: save state: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, s.opts.StateFile); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("auth0sim: save state: %w", err)
	}
	return nil
}

func (s *Server) saveOrLogLocked() {
	if err := s.saveLocked(); err != nil {
		fmt.Fprintf(os.Stderr, "auth0sim: %v\n", err)
	}
}

func genKeys(st *state) error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          randSerial(),
		Subject:               pkix.Name{CommonName: "auth0sim local CA", Organization: []string{"auth0sim"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(5, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	caKeyDER, err := x509.MarshalPKCS8PrivateKey(caKey)
	if err != nil {
		return err
	}
	sk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return err
	}
	skDER, err := x509.MarshalPKCS8PrivateKey(sk)
	if err != nil {
		return err
	}
	st.CACertPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	st.CAKeyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: caKeyDER}))
	st.SigningKeyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: skDER}))
	return nil
}

func (s *Server) initKeys(st *state) error {
	blk, _ := pem.Decode([]byte(st.CACertPEM))
	if blk == nil {
		return errors.New("auth0sim: bad CA certificate in state")
	}
	ca, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		return fmt.Errorf("auth0sim: CA certificate: %w", err)
	}
	blk, _ = pem.Decode([]byte(st.SigningKeyPEM))
	if blk == nil {
		return errors.New("auth0sim: bad signing key in state")
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return fmt.Errorf("auth0sim: signing key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return errors.New("auth0sim: signing key is not RSA")
	}
	s.caCert = ca
	s.caCertPEM = []byte(st.CACertPEM)
	s.signingKey = rk
	sum := sha256.Sum256(rk.N.Bytes())
	s.kid = base64.RawURLEncoding.EncodeToString(sum[:])[:22]
	return nil
}

func makeLeafCert(st *state) (tls.Certificate, error) {
	blk, _ := pem.Decode([]byte(st.CAKeyPEM))
	if blk == nil {
		return tls.Certificate{}, errors.New("auth0sim: bad CA key in state")
	}
	caKey, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return tls.Certificate{}, err
	}
	blk, _ = pem.Decode([]byte(st.CACertPEM))
	ca, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		return tls.Certificate{}, err
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	notAfter := time.Now().AddDate(1, 0, 0)
	if notAfter.After(ca.NotAfter) {
		notAfter = ca.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: randSerial(),
		Subject:      pkix.Name{CommonName: "localhost", Organization: []string{"auth0sim"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der, ca.Raw}, PrivateKey: leafKey}, nil
}

func randSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		panic(err)
	}
	return n
}

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func randAlnum(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

func randHex(nBytes int) string {
	b := make([]byte, nBytes)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func randSecret() string {
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// rewriteDomain moves identifiers and grant audiences on the old canonical
// domain (a restarted emulator that could not get its previous port) to the
// new one, so that the tenant keeps its My Account API.
func (st *state) rewriteDomain(oldDomain, newDomain string) {
	oldPrefix, newPrefix := "https://"+oldDomain+"/", "https://"+newDomain+"/"
	move := func(s string) string {
		if strings.HasPrefix(s, oldPrefix) {
			return newPrefix + strings.TrimPrefix(s, oldPrefix)
		}
		return s
	}
	for _, r := range st.ResourceServers {
		r.Identifier = move(r.Identifier)
	}
	for _, g := range st.Grants {
		g.Audience = move(g.Audience)
	}
}
