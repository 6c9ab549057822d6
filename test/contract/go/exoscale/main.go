// Command exoscale-sdk-flows drives the emulator with Exoscale's official Go SDK, egoscale v3
// (v3.1.7), unmodified: its own EXO2-HMAC-SHA256 signing, its own Wait on operations and its typed
// errors. The flows reach all 20 compute instance operations (create, get, list, update, field
// reset, stop, scale, disk resize, TPM, snapshot and revert, start, reboot, password reset and
// reveal, console URL, reset to a template, protection, delete) plus a client with a wrong secret.
// It talks to EXOSCALE_API_ENDPOINT (e.g. http://127.0.0.1:PORT/v2) with EXOSCALE_API_KEY /
// EXOSCALE_API_SECRET, prints one JSON report on stdout and exits 1 on the first failed expectation.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	v3 "github.com/exoscale/egoscale/v3"
	"github.com/exoscale/egoscale/v3/credentials"
)

const (
	templateName = "Linux Ubuntu 24.04 LTS 64-bit"
	resetToName  = "Linux Debian 12 (Bookworm) 64-bit"
)

var (
	ctx        context.Context
	operations []string
)

func must(ok bool, format string, args ...any) {
	if !ok {
		fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
		os.Exit(1)
	}
}

func check(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: %s: %v\n", what, err)
		os.Exit(1)
	}
}

// reached records that the compute instance operation `name` answered successfully.
func reached(name string) {
	for _, seen := range operations {
		if seen == name {
			return
		}
	}
	operations = append(operations, name)
}

// expectError asserts that err wraps the SDK's sentinel for an HTTP status and returns its text.
func expectError(err error, sentinel error, what string) string {
	must(err != nil, "%s: expected %v, got no error", what, sentinel)
	must(errors.Is(err, sentinel), "%s: expected %v, got %v", what, sentinel, err)
	return err.Error()
}

// await waits for op with the SDK's own Wait and requires success; it returns the referenced id.
func await(client *v3.Client, op *v3.Operation, err error, name string) v3.UUID {
	check(err, name)
	reached(name)
	done, err := client.Wait(ctx, op, v3.OperationStateSuccess)
	check(err, name+": wait")
	must(done.Reference != nil && done.Reference.ID != "", "%s: operation %s has no reference", name, done.ID)
	return done.Reference.ID
}

// valid checks a typed result against the SDK's own schema constraints (its validate tags).
func valid(client *v3.Client, value any, what string) {
	check(client.Validate(value), what+": result fails the SDK's schema")
}

func getInstance(client *v3.Client, id v3.UUID) *v3.Instance {
	instance, err := client.GetInstance(ctx, id)
	check(err, "get-instance")
	reached("get-instance")
	valid(client, instance, "get-instance")
	return instance
}

// enableTPM sends POST /instance/{id}:enable-tpm. egoscale v3.1.7 has no EnableTpm method, so it
// goes through CreateSnapshot (the same shape: POST, no body, an operation back) with a request
// interceptor, the SDK's public hook that runs before signing, rewriting the action in the path.
func enableTPM(client *v3.Client, id v3.UUID) (*v3.Operation, error) {
	rewrite := func(_ context.Context, req *http.Request) error {
		req.URL.Path = strings.TrimSuffix(req.URL.Path, ":create-snapshot") + ":enable-tpm"
		req.URL.RawPath = ""
		return nil
	}
	return client.WithRequestInterceptor(rewrite).CreateSnapshot(ctx, id)
}

func main() {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	started := time.Now()

	endpoint := os.Getenv("EXOSCALE_API_ENDPOINT")
	key, secret := os.Getenv("EXOSCALE_API_KEY"), os.Getenv("EXOSCALE_API_SECRET")
	must(endpoint != "" && key != "" && secret != "", "EXOSCALE_API_ENDPOINT, EXOSCALE_API_KEY and EXOSCALE_API_SECRET must be set")
	client, err := v3.NewClient(credentials.NewStaticCredentials(key, secret), v3.ClientOptWithEndpoint(v3.Endpoint(endpoint)))
	check(err, "new client")
	out := map[string]any{}

	// Catalogue: the zone serving this endpoint, standard.small / standard.medium, two templates.
	zone, err := client.GetZoneName(ctx, v3.Endpoint(endpoint))
	check(err, "GetZoneName (list-zones)")
	out["zone"] = zone
	types, err := client.ListInstanceTypes(ctx)
	check(err, "list-instance-types")
	for _, t := range types.InstanceTypes {
		valid(client, t, "list-instance-types")
	}
	typeID := func(family v3.InstanceTypeFamily, size v3.InstanceTypeSize) *v3.InstanceType {
		for _, t := range types.InstanceTypes {
			if t.Family == family && t.Size == size {
				return &v3.InstanceType{ID: t.ID}
			}
		}
		must(false, "list-instance-types: no %s.%s among %d types", family, size, len(types.InstanceTypes))
		return nil
	}
	small := typeID(v3.InstanceTypeFamilyStandard, v3.InstanceTypeSizeSmall)
	medium := typeID(v3.InstanceTypeFamilyStandard, v3.InstanceTypeSizeMedium)
	templates, err := client.ListTemplates(ctx, v3.ListTemplatesWithVisibility(v3.ListTemplatesVisibilityPublic))
	check(err, "list-templates")
	for _, t := range templates.Templates {
		valid(client, t, "list-templates")
	}
	ubuntu, err := templates.FindTemplate(templateName)
	check(err, "FindTemplate "+templateName)
	debian, err := templates.FindTemplate(resetToName)
	check(err, "FindTemplate "+resetToName)

	// Create and read back.
	name := fmt.Sprintf("egoscale-%d", time.Now().UnixNano())
	op, err := client.CreateInstance(ctx, v3.CreateInstanceRequest{
		Name:         name,
		InstanceType: small,
		Template:     &v3.Template{ID: ubuntu.ID},
		DiskSize:     10,
		Labels:       v3.Labels{"origin": "egoscale"},
	})
	id := await(client, op, err, "create-instance")
	instance := getInstance(client, id)
	must(instance.State == v3.InstanceStateRunning, "created instance is %q, want running", instance.State)
	must(instance.Name == name && instance.DiskSize == 10, "created instance: name %q disk %d", instance.Name, instance.DiskSize)
	must(instance.InstanceType != nil && instance.InstanceType.ID == small.ID && instance.InstanceType.Size == v3.InstanceTypeSizeSmall, "created instance type %+v, want standard.small", instance.InstanceType)
	must(instance.Template != nil && instance.Template.ID == ubuntu.ID && instance.Template.Name == templateName, "created instance template %+v", instance.Template)
	must(instance.Labels["origin"] == "egoscale", "created instance labels %v", instance.Labels)
	must(instance.PublicIP != nil, "created instance has no public IP")

	list, err := client.ListInstances(ctx)
	check(err, "list-instances")
	reached("list-instances")
	listed, err := list.FindListInstancesResponseInstances(string(id))
	check(err, "list-instances: the new instance")
	must(listed.Name == name && listed.State == v3.InstanceStateRunning, "listed instance %q is %q", listed.Name, listed.State)

	// Update name and labels, then reset the labels field.
	renamed := name + "-renamed"
	op, err = client.UpdateInstance(ctx, id, v3.UpdateInstanceRequest{Name: renamed, Labels: v3.Labels{"origin": "egoscale", "tier": "web"}})
	await(client, op, err, "update-instance")
	instance = getInstance(client, id)
	must(instance.Name == renamed && len(instance.Labels) == 2 && instance.Labels["tier"] == "web", "updated instance: name %q labels %v", instance.Name, instance.Labels)
	op, err = client.ResetInstanceField(ctx, id, v3.ResetInstanceFieldFieldLabels)
	await(client, op, err, "reset-instance-field")
	instance = getInstance(client, id)
	must(len(instance.Labels) == 0 && instance.Name == renamed, "after reset-instance-field labels: labels %v name %q", instance.Labels, instance.Name)

	// Stopped: scale, grow the disk, enable the TPM, snapshot and revert.
	op, err = client.StopInstance(ctx, id)
	await(client, op, err, "stop-instance")
	must(getInstance(client, id).State == v3.InstanceStateStopped, "instance not stopped after stop-instance")
	op, err = client.ScaleInstance(ctx, id, v3.ScaleInstanceRequest{InstanceType: medium})
	await(client, op, err, "scale-instance")
	op, err = client.ResizeInstanceDisk(ctx, id, v3.ResizeInstanceDiskRequest{DiskSize: 20})
	await(client, op, err, "resize-instance-disk")
	instance = getInstance(client, id)
	must(instance.InstanceType != nil && instance.InstanceType.ID == medium.ID && instance.InstanceType.Size == v3.InstanceTypeSizeMedium, "scaled instance type %+v, want standard.medium", instance.InstanceType)
	must(instance.DiskSize == 20 && instance.State == v3.InstanceStateStopped, "resized instance: disk %d state %q", instance.DiskSize, instance.State)

	op, err = enableTPM(client, id)
	await(client, op, err, "enable-tpm")
	// v3.1.7's Instance has no tpm-enabled field: the API refusing a second enable shows it took.
	_, err = enableTPM(client, id)
	out["tpmAgain"] = expectError(err, v3.ErrBadRequest, "enable-tpm twice")

	op, err = client.CreateSnapshot(ctx, id)
	snapshotID := await(client, op, err, "create-snapshot")
	snapshot, err := client.GetSnapshot(ctx, snapshotID)
	check(err, "get-snapshot")
	valid(client, snapshot, "get-snapshot")
	must(snapshot.State == v3.SnapshotStateReady && snapshot.Size == 20, "snapshot: state %q size %d", snapshot.State, snapshot.Size)
	must(snapshot.Instance != nil && snapshot.Instance.ID == id, "snapshot instance %+v, want %s", snapshot.Instance, id)
	snapshots, err := client.ListSnapshots(ctx)
	check(err, "list-snapshots")
	_, err = snapshots.FindSnapshot(string(snapshotID))
	check(err, "list-snapshots: the new snapshot")
	op, err = client.RevertInstanceToSnapshot(ctx, id, v3.RevertInstanceToSnapshotRequest{ID: snapshotID})
	await(client, op, err, "revert-instance-to-snapshot")
	instance = getInstance(client, id)
	must(len(instance.Snapshots) == 1 && instance.Snapshots[0].ID == snapshotID, "instance snapshots %+v, want [%s]", instance.Snapshots, snapshotID)

	// Running again: reboot, passwords, console.
	op, err = client.StartInstance(ctx, id, v3.StartInstanceRequest{})
	await(client, op, err, "start-instance")
	must(getInstance(client, id).State == v3.InstanceStateRunning, "instance not running after start-instance")
	op, err = client.RebootInstance(ctx, id)
	await(client, op, err, "reboot-instance")
	must(getInstance(client, id).State == v3.InstanceStateRunning, "instance not running after reboot-instance")

	first, err := client.RevealInstancePassword(ctx, id)
	check(err, "reveal-instance-password")
	reached("reveal-instance-password")
	must(first.Password != "", "reveal-instance-password: empty password")
	op, err = client.ResetInstancePassword(ctx, id)
	await(client, op, err, "reset-instance-password")
	second, err := client.RevealInstancePassword(ctx, id)
	check(err, "reveal-instance-password after reset")
	must(second.Password != "" && second.Password != first.Password, "reset-instance-password did not change the password")

	console, err := client.GetConsoleProxyURL(ctx, id)
	check(err, "get-console-proxy-url")
	reached("get-console-proxy-url")
	must(strings.HasPrefix(console.URL, "wss://") && console.Host != "" && strings.Contains(console.URL, console.Path), "console proxy URL %+v", console)

	// Reinstall on another template.
	op, err = client.ResetInstance(ctx, id, v3.ResetInstanceRequest{Template: &v3.Template{ID: debian.ID}})
	await(client, op, err, "reset-instance")
	instance = getInstance(client, id)
	must(instance.Template != nil && instance.Template.ID == debian.ID && instance.State == v3.InstanceStateRunning, "reset instance: template %+v state %q", instance.Template, instance.State)

	// Protection: a protected instance cannot be deleted; once unprotected it can, and is gone.
	op, err = client.AddInstanceProtection(ctx, id)
	await(client, op, err, "add-instance-protection")
	_, err = client.DeleteInstance(ctx, id)
	refusal := expectError(err, v3.ErrForbidden, "delete-instance of a protected instance")
	must(strings.Contains(refusal, "protected"), "delete-instance refusal does not say why: %s", refusal)
	out["deleteProtected"] = refusal
	must(getInstance(client, id).State == v3.InstanceStateRunning, "refused delete changed the instance")
	op, err = client.RemoveInstanceProtection(ctx, id)
	await(client, op, err, "remove-instance-protection")
	op, err = client.DeleteInstance(ctx, id)
	await(client, op, err, "delete-instance")
	_, err = client.GetInstance(ctx, id)
	out["afterDelete"] = expectError(err, v3.ErrNotFound, "get-instance after delete-instance")

	// A wrong secret: the SDK's signature is refused.
	intruder, err := v3.NewClient(credentials.NewStaticCredentials(key, secret+"-wrong"), v3.ClientOptWithEndpoint(v3.Endpoint(endpoint)))
	check(err, "new client (wrong secret)")
	_, err = intruder.ListInstances(ctx)
	out["badSecret"] = expectError(err, v3.ErrForbidden, "list-instances with a wrong secret")

	out["ok"] = true
	out["operations"] = operations
	out["instanceId"] = id
	out["snapshotId"] = snapshotID
	out["seconds"] = time.Since(started).Round(time.Millisecond).Seconds()
	line, err := json.Marshal(out)
	check(err, "report")
	fmt.Println(string(line))
}
