package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// front answers the calls that need more than forwarding; the rest goes to the primary host.
type front struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	hosts *officialHosts
}

// Run checks that the program can start, then has the host matching its runtime options run it.
func (f *front) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info != nil {
		dir := info.GetProgramDirectory()
		// A `main:` folder without a program would fail deep inside node; say which setting to fix.
		if info.GetEntryPoint() == "." && !anyExists(dir, "package.json", "index.ts", "index.js") {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("there is no program in %s (no package.json, index.ts or index.js): "+
				"point `main:` in %s at the program's folder or file", dir, filepath.Join(info.GetRootDirectory(), "Pulumi.yaml"))}, nil
		}
		// The v3.68.0 host exits outright when @pulumi/pulumi is missing; say what to run instead.
		if _, err := resolveModule(ctx, dir, "@pulumi/pulumi/cmd/run"); errors.Is(err, errModuleNotFound) {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("the program in %s cannot load @pulumi/pulumi: "+
				"run `pulumi install` (or `npm install`) in %s", dir, dir)}, nil
		} else if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		// The CLI sends the entry point relative to the program directory (`main:` of Pulumi.yaml);
		// the v3.68.0 host would resolve "." from the nearest package.json's `main` instead.
		req.Program = filepath.Join(dir, info.GetEntryPoint())
	}
	flags, err := hostFlags(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	host, err := f.hosts.get(flags)
	if err != nil {
		return nil, err
	}
	return host.client.Run(ctx, req)
}

// GetRequiredPlugins looks for plugin packages from the program directory: the v3.68.0 host walks
// the folder named by `program`, which today's CLI sends relative to it.
func (f *front) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		req.Program = dir
	}
	host, err := f.hosts.get(nil)
	if err != nil {
		return nil, err
	}
	return host.client.GetRequiredPlugins(ctx, req)
}

// anyExists tells whether one of `names` is in `dir`.
func anyExists(dir string, names ...string) bool {
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

var errModuleNotFound = errors.New("module not found")

// resolveModule finds `module` the way the program's own require() would, from `dir`.
func resolveModule(ctx context.Context, dir, module string) (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("node is not on PATH: install Node.js")
	}
	cmd := exec.CommandContext(ctx, node, "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: cannot find module '%s' from %s", errModuleNotFound, module, dir)
	}
	return strings.TrimSpace(string(out)), nil
}
