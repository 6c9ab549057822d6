// Command scaleway-sdk-flows drives the emulator with the official scaleway-sdk-go, unmodified:
// ListSnapshots, GetSnapshot, GetVolume, ListImages (every page), CreateImage, WaitForImage,
// GetImage, UpdateImage (PATCH), DeleteImage, and the SDK's typed errors for the Instance API's
// error bodies. It talks to the
// endpoint in SCW_API_URL with SCW_SECRET_KEY / SCW_DEFAULT_PROJECT_ID, prints one JSON report on
// stdout and exits 1 on the first failed expectation.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	instance "github.com/scaleway/scaleway-sdk-go/api/instance/v1"
	"github.com/scaleway/scaleway-sdk-go/scw"
)

type report map[string]any

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

// expectError asserts that err has the SDK error type T and returns it.
func expectError[T error](err error, what string) T {
	var target T
	must(err != nil, "%s: expected an error, got none", what)
	must(errors.As(err, &target), "%s: expected %T, got %T: %v", what, target, err, err)
	return target
}

func main() {
	client, err := scw.NewClient(
		scw.WithAPIURL(os.Getenv("SCW_API_URL")),
		scw.WithAuth("SCWXXXXXXXXXXXXXXXXX", os.Getenv("SCW_SECRET_KEY")),
		scw.WithDefaultProjectID(os.Getenv("SCW_DEFAULT_PROJECT_ID")),
		scw.WithDefaultZone(scw.ZoneFrPar1),
	)
	check(err, "new client")
	api := instance.NewAPI(client)
	out := report{}

	snapshots, err := api.ListSnapshots(&instance.ListSnapshotsRequest{}, scw.WithAllPages())
	check(err, "ListSnapshots")
	must(len(snapshots.Snapshots) > 0 && snapshots.TotalCount == uint32(len(snapshots.Snapshots)), "ListSnapshots: %d snapshots, total %d", len(snapshots.Snapshots), snapshots.TotalCount)
	root := snapshots.Snapshots[0]
	out["snapshots"] = len(snapshots.Snapshots)

	// What a client checks before building an image: the root snapshot, and the volume it came from.
	snapshot, err := api.GetSnapshot(&instance.GetSnapshotRequest{SnapshotID: root.ID})
	check(err, "GetSnapshot")
	must(snapshot.Snapshot.ID == root.ID && snapshot.Snapshot.State == instance.SnapshotStateAvailable, "GetSnapshot: %+v", snapshot.Snapshot)
	must(snapshot.Snapshot.CreationDate != nil && snapshot.Snapshot.ErrorReason == nil && snapshot.Snapshot.BaseVolume != nil, "GetSnapshot fields: %+v", snapshot.Snapshot)
	volume, err := api.GetVolume(&instance.GetVolumeRequest{VolumeID: snapshot.Snapshot.BaseVolume.ID})
	check(err, "GetVolume")
	must(volume.Volume.ID == snapshot.Snapshot.BaseVolume.ID && volume.Volume.Size == root.Size && volume.Volume.Server == nil, "GetVolume: %+v", volume.Volume)
	_, err = api.GetSnapshot(&instance.GetSnapshotRequest{SnapshotID: "00000000-0000-4000-8000-000000000000"})
	missingSnapshot := expectError[*scw.ResourceNotFoundError](err, "GetSnapshot unknown")
	must(missingSnapshot.Resource == "instance_snapshot", "ResourceNotFoundError: %+v", missingSnapshot)

	// Every page, 5 at a time: the SDK follows X-Total-Count.
	perPage := uint32(5)
	images, err := api.ListImages(&instance.ListImagesRequest{PerPage: &perPage}, scw.WithAllPages())
	check(err, "ListImages")
	must(len(images.Images) > int(perPage) && images.TotalCount == uint32(len(images.Images)), "ListImages: %d images, total %d", len(images.Images), images.TotalCount)
	out["publicImages"] = len(images.Images)

	name := "sdk-image"
	created, err := api.CreateImage(&instance.CreateImageRequest{Name: name, RootVolume: root.ID, Arch: instance.ArchX86_64, Tags: []string{"sdk", "contract"}})
	check(err, "CreateImage")
	must(created.Image.State == instance.ImageStateCreating, "CreateImage: state %s", created.Image.State)
	must(created.Image.Project == os.Getenv("SCW_DEFAULT_PROJECT_ID"), "CreateImage: project %s", created.Image.Project)

	// Busy while creating: the SDK surfaces transient_state as its own type.
	_, err = api.UpdateImage(&instance.UpdateImageRequest{ImageID: created.Image.ID, Name: scw.StringPtr("too-early")})
	transient := expectError[*scw.TransientStateError](err, "UpdateImage while creating")
	must(transient.CurrentState == "creating" && transient.ResourceID == created.Image.ID, "TransientStateError: %+v", transient)

	interval := 50 * time.Millisecond
	ready, err := api.WaitForImage(&instance.WaitForImageRequest{ImageID: created.Image.ID, RetryInterval: &interval})
	check(err, "WaitForImage")
	must(ready.State == instance.ImageStateAvailable, "WaitForImage: state %s", ready.State)

	got, err := api.GetImage(&instance.GetImageRequest{ImageID: created.Image.ID})
	check(err, "GetImage")
	must(got.Image.RootVolume != nil && got.Image.RootVolume.ID == root.ID, "GetImage: root volume %+v", got.Image.RootVolume)
	must(got.Image.CreationDate != nil, "GetImage: creation date not parsed")
	must(got.Image.DefaultBootscript == nil, "GetImage: default bootscript %+v", got.Image.DefaultBootscript)

	public := true
	tags := []string{"sdk", "updated"}
	extra := snapshots.Snapshots[1]
	updated, err := api.UpdateImage(&instance.UpdateImageRequest{
		ImageID:      created.Image.ID,
		Name:         scw.StringPtr("sdk-image-renamed"),
		Arch:         instance.ArchArm64,
		Public:       &public,
		Tags:         &tags,
		ExtraVolumes: map[string]*instance.VolumeImageUpdateTemplate{"1": {ID: extra.ID}},
	})
	check(err, "UpdateImage")
	must(updated.Image.Name == "sdk-image-renamed" && updated.Image.Public && updated.Image.Arch == instance.ArchArm64, "UpdateImage: %+v", updated.Image)
	must(len(updated.Image.Tags) == 2 && updated.Image.Tags[1] == "updated", "UpdateImage tags: %v", updated.Image.Tags)
	must(updated.Image.ExtraVolumes["1"] != nil && updated.Image.ExtraVolumes["1"].ID == extra.ID, "UpdateImage extra volumes: %+v", updated.Image.ExtraVolumes)

	// Error bodies decode into the SDK's typed errors.
	_, err = api.GetImage(&instance.GetImageRequest{ImageID: "00000000-0000-4000-8000-000000000000"})
	notFound := expectError[*scw.ResourceNotFoundError](err, "GetImage unknown")
	must(notFound.Resource == "instance_image", "ResourceNotFoundError: %+v", notFound)

	_, err = api.CreateImage(&instance.CreateImageRequest{Name: "bad", RootVolume: "00000000-0000-4000-8000-000000000000", Arch: instance.ArchX86_64})
	missing := expectError[*scw.ResourceNotFoundError](err, "CreateImage unknown snapshot")
	must(missing.Resource == "instance_snapshot", "ResourceNotFoundError: %+v", missing)

	_, err = api.CreateImage(&instance.CreateImageRequest{Name: "bad-arch", RootVolume: root.ID, Arch: instance.Arch("mips")})
	invalid := expectError[*scw.InvalidArgumentsError](err, "CreateImage bad arch")
	must(len(invalid.Details) == 1 && invalid.Details[0].ArgumentName == "arch", "InvalidArgumentsError: %+v", invalid)

	tooMany := uint32(101)
	_, err = api.ListImages(&instance.ListImagesRequest{PerPage: &tooMany})
	pageErr := expectError[*scw.InvalidArgumentsError](err, "ListImages per_page 101")
	must(pageErr.Details[0].ArgumentName == "per_page", "InvalidArgumentsError: %+v", pageErr)

	_, err = api.CreateImage(&instance.CreateImageRequest{Name: "quota-exceeded", RootVolume: root.ID, Arch: instance.ArchX86_64})
	quota := expectError[*scw.QuotasExceededError](err, "CreateImage over quota")
	must(quota.Details[0].Resource == "images", "QuotasExceededError: %+v", quota)

	inUse, err := api.UpdateImage(&instance.UpdateImageRequest{ImageID: created.Image.ID, Tags: &[]string{"emulator:in-use"}})
	check(err, "UpdateImage in-use tag")
	err = api.DeleteImage(&instance.DeleteImageRequest{ImageID: inUse.Image.ID})
	precondition := expectError[*scw.PreconditionFailedError](err, "DeleteImage in use")
	must(precondition.Precondition == "resource_still_in_use", "PreconditionFailedError: %+v", precondition)
	_, err = api.UpdateImage(&instance.UpdateImageRequest{ImageID: created.Image.ID, Tags: &[]string{}})
	check(err, "UpdateImage clear tags")

	check(api.DeleteImage(&instance.DeleteImageRequest{ImageID: created.Image.ID}), "DeleteImage")
	_, err = api.GetImage(&instance.GetImageRequest{ImageID: created.Image.ID})
	expectError[*scw.ResourceNotFoundError](err, "GetImage after delete")

	bad, err := scw.NewClient(scw.WithAPIURL(os.Getenv("SCW_API_URL")), scw.WithAuth("SCWXXXXXXXXXXXXXXXXX", "00000000-0000-4000-8000-000000000001"), scw.WithDefaultZone(scw.ZoneFrPar1))
	check(err, "new client with a wrong key")
	_, err = instance.NewAPI(bad).ListImages(&instance.ListImagesRequest{})
	denied := expectError[*scw.DeniedAuthenticationError](err, "ListImages with a wrong key")
	must(denied.Method == "api_key", "DeniedAuthenticationError: %+v", denied)

	out["imageId"] = created.Image.ID
	out["ok"] = true
	check(json.NewEncoder(os.Stdout).Encode(out), "report")
}
