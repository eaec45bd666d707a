package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tenantcfg/myaccount/api/v1alpha1"
)

// DefaultStateFile is where apply records what it added, relative to the
// working directory.
const DefaultStateFile = "myaccount.state.json"

// stateFileVersion is the schema version of the state file.
const stateFileVersion = 1

// stateFile is the CLI's equivalent of the operator's CR status: per config
// ("namespace/name") the MyAccountConfigStatus after the last apply. It holds
// what the tenant cannot tell us, such as which origins this config added, so
// that merge mode later removes only those.
//
//	{"version":1,"configs":{"default/quickstart":{...MyAccountConfigStatus...}}}
type stateFile struct {
	Version int                                        `json:"version"`
	Configs map[string]*v1alpha1.MyAccountConfigStatus `json:"configs"`

	path string
}

func loadState(path string) (*stateFile, error) {
	sf := &stateFile{Version: stateFileVersion, Configs: map[string]*v1alpha1.MyAccountConfigStatus{}, path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sf, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state file: %w", err)
	}
	if err := json.Unmarshal(data, sf); err != nil {
		return nil, fmt.Errorf("state file %s is not valid JSON (%v): restore it from version control, or move it away to start over (myaccount then adopts nothing it did not add)", path, err)
	}
	if sf.Version > stateFileVersion {
		return nil, fmt.Errorf("state file %s has version %d, newer than this myaccount understands (%d): upgrade myaccount", path, sf.Version, stateFileVersion)
	}
	if sf.Configs == nil {
		sf.Configs = map[string]*v1alpha1.MyAccountConfigStatus{}
	}
	return sf, nil
}

// status returns the stored status for key, or an empty one.
func (sf *stateFile) status(key string) *v1alpha1.MyAccountConfigStatus {
	if st := sf.Configs[key]; st != nil {
		return st
	}
	return &v1alpha1.MyAccountConfigStatus{}
}

// save writes the file atomically (write a temporary file, then rename).
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
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), sf.path); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	return nil
}
