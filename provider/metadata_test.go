package provider

import (
	"context"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
)

// TestMetadataReportsTheStampedVersion: main passes cli.Version, set with
// -ldflags "-X github.com/tenantcfg/myaccount/internal/cli.Version=v1.2.3"
// (.goreleaser.yml, Dockerfile), to New; Terraform shows it.
func TestMetadataReportsTheStampedVersion(t *testing.T) {
	var resp fwprovider.MetadataResponse
	New("v1.2.3")().Metadata(context.Background(), fwprovider.MetadataRequest{}, &resp)
	if resp.Version != "v1.2.3" || resp.TypeName != "myaccount" {
		t.Errorf("Metadata: type %q version %q", resp.TypeName, resp.Version)
	}
}
