// Command scaleway-setimage-flow drives the emulator's SetImage (PUT, whole image) with the
// scaleway-sdk-go release whose UpdateImage is a read-modify-write PUT (v1.0.0-beta.20, unmodified;
// today's SDK keeps SetImage private and updates with PATCH). It creates an image with extra
// volumes, rewrites it whole with fewer fields set (which must clear them), checks the result and
// deletes it. Prints a JSON report; exits 1 on the first failed expectation.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	instance "github.com/scaleway/scaleway-sdk-go/api/instance/v1"
	"github.com/scaleway/scaleway-sdk-go/scw"
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

func main() {
	client, err := scw.NewClient(
		scw.WithAPIURL(os.Getenv("SCW_API_URL")),
		scw.WithAuth("SCWXXXXXXXXXXXXXXXXX", os.Getenv("SCW_SECRET_KEY")),
		scw.WithDefaultProjectID(os.Getenv("SCW_DEFAULT_PROJECT_ID")),
		scw.WithDefaultZone(scw.ZoneFrPar1),
	)
	check(err, "new client")
	api := instance.NewAPI(client)

	snapshots, err := api.ListSnapshots(&instance.ListSnapshotsRequest{})
	check(err, "ListSnapshots")
	must(len(snapshots.Snapshots) >= 3, "ListSnapshots: %d", len(snapshots.Snapshots))
	root, data := snapshots.Snapshots[0], snapshots.Snapshots[2]

	project := os.Getenv("SCW_DEFAULT_PROJECT_ID")
	created, err := api.CreateImage(&instance.CreateImageRequest{
		Name:         "setimage-sdk",
		RootVolume:   root.ID,
		Arch:         instance.ArchX86_64,
		Project:      &project,
		Tags:         []string{"before"},
		ExtraVolumes: map[string]*instance.VolumeTemplate{"1": {ID: data.ID}},
	})
	check(err, "CreateImage")
	interval := 50 * time.Millisecond
	image, err := api.WaitForImage(&instance.WaitForImageRequest{ImageID: created.Image.ID, Zone: scw.ZoneFrPar1, RetryInterval: &interval})
	check(err, "WaitForImage")
	must(len(image.ExtraVolumes) == 1, "extra volumes after create: %d", len(image.ExtraVolumes))

	// The whole image, as read, with the changes applied; ExtraVolumes left nil clears them.
	name := "setimage-sdk-renamed"
	tags := []string{"after", "whole"}
	set, err := api.UpdateImage(&instance.UpdateImageRequest{
		Zone:             image.Zone,
		ImageID:          image.ID,
		Name:             &name,
		Arch:             image.Arch,
		CreationDate:     image.CreationDate,
		ModificationDate: image.ModificationDate,
		FromServer:       image.FromServer,
		Organization:     image.Organization,
		Public:           true,
		RootVolume:       image.RootVolume,
		State:            image.State,
		Project:          image.Project,
		Tags:             &tags,
	})
	check(err, "UpdateImage (PUT)")
	must(set.Image != nil && set.Image.Name == name && set.Image.Public, "PUT result: %+v", set.Image)
	must(len(set.Image.ExtraVolumes) == 0, "PUT did not clear extra volumes: %+v", set.Image.ExtraVolumes)
	must(len(set.Image.Tags) == 2 && set.Image.Tags[0] == "after", "PUT tags: %v", set.Image.Tags)

	got, err := api.GetImage(&instance.GetImageRequest{ImageID: image.ID, Zone: scw.ZoneFrPar1})
	check(err, "GetImage")
	must(got.Image.Name == name && got.Image.RootVolume.ID == root.ID, "GetImage after PUT: %+v", got.Image)

	check(api.DeleteImage(&instance.DeleteImageRequest{ImageID: image.ID, Zone: scw.ZoneFrPar1}), "DeleteImage")
	check(json.NewEncoder(os.Stdout).Encode(map[string]any{"ok": true, "imageId": image.ID}), "report")
}
