package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// DefaultStateFile is where apply records what it added, relative to the
// working directory.
const DefaultStateFile = "myaccount.state.json"

// stateFileVersion is the schema version of the state file. Version 1 held
// each config's v1alpha1.MyAccountConfigStatus, which tied the file to a CRD
// version; version 2 holds the core's own persisted reconciler.State. A
// version 1 file is converted when read; the next apply saves it as version
// 2 (plan and drift never write it).
const stateFileVersion = 2

// stateFile is the CLI's record of what each config ("namespace/name")
// owns in the tenant, the facts the tenant cannot tell us (such as which
// origins this config added, so that merge mode later removes only those).
// Apply writes it before each write that adds to what a config owns, and
// after each config's run.
//
//	{"version":2,"configs":{"default/quickstart":{"apiId":"...","audience":"...","apps":{"<client_id>":{"managedOrigins":[...]}}}}}
type stateFile struct {
	Version int                         `json:"version"`
	Configs map[string]reconciler.State `json:"configs"`

	path string
}

// stateFileV1 is the version 1 layout, read only to convert it.
type stateFileV1 struct {
	Configs map[string]*v1alpha1.MyAccountConfigStatus `json:"configs"`
}

func loadState(path string) (*stateFile, error) {
	sf := &stateFile{Version: stateFileVersion, Configs: map[string]reconciler.State{}, path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sf, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state file: %w", err)
	}
	invalid := func(err error) error {
		return fmt.Errorf("state file %s is not valid JSON (%v): restore it from version control, or move it away to start over (myaccount then adopts nothing it did not add)", path, err)
	}
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, invalid(err)
	}
	switch {
	case head.Version > stateFileVersion:
		return nil, fmt.Errorf("state file %s has version %d, newer than this myaccount understands (%d): upgrade myaccount", path, head.Version, stateFileVersion)
	case head.Version <= 1:
		var v1 stateFileV1
		if err := json.Unmarshal(data, &v1); err != nil {
			return nil, invalid(err)
		}
		for key, st := range v1.Configs {
			if st != nil {
				sf.Configs[key] = crd.State(st)
			}
		}
		return sf, nil
	}
	if err := json.Unmarshal(data, sf); err != nil {
		return nil, invalid(err)
	}
	if sf.Configs == nil {
		sf.Configs = map[string]reconciler.State{}
	}
	return sf, nil
}

// state returns the stored state for key, empty when there is none.
func (sf *stateFile) state(key string) reconciler.State {
	return sf.Configs[key]
}

// record stores key's state and saves the file.
func (sf *stateFile) record(key string, s reconciler.State) error {
	sf.Configs[key] = s
	return sf.save()
}

// save writes the file atomically (write a temporary file, sync, then
// rename), so that a crash leaves the old file or the new one.
func (sf *stateFile) save() error {
	sf.Version = stateFileVersion
	data, err := json.MarshalIndent(sf, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	dir := filepath.Dir(sf.path)
	tmp, err := os.CreateTemp(dir, ".myaccount-state-*")
	if err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), sf.path); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	return nil
}
