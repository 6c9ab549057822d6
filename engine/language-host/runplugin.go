package main

import (
	"errors"
	"fmt"
	"os/exec"
	"sync"

	"github.com/google/shlex"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const runPolicyPack = "@pulumi/pulumi/cmd/run-policy-pack"

// RunPlugin starts a Node policy pack: node runs @pulumi/pulumi/cmd/run-policy-pack, resolved from
// the pack's own folder, with the CLI's arguments (engine address first) and the pack folder. Its
// stdout (first line: the analyzer's port) and stderr stream back as they come, then its exit code.
func (f *front) RunPlugin(req *pulumirpc.RunPluginRequest, stream pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != "analyzer" {
		return status.Errorf(codes.Unimplemented, "this Node language host runs policy packs only, not %q plugins", req.GetKind())
	}
	out := &pluginStream{stream: stream}
	pack := req.GetInfo().GetProgramDirectory()
	entry, err := resolveModule(stream.Context(), pack, runPolicyPack)
	if errors.Is(err, errModuleNotFound) {
		// The CLI recognises this line and tells the user to install the pack's dependencies in its folder.
		_, _ = fmt.Fprintf(out.stderr(), "Cannot find module '%s' from %s: run `npm install` in %s\n", runPolicyPack, pack, pack)
		return out.exit(1)
	} else if err != nil {
		return err
	}

	nodeArgs, err := nodeArguments(req.GetInfo())
	if err != nil {
		return err
	}
	args := append(append(nodeArgs, entry), req.GetArgs()...)
	cmd := exec.CommandContext(stream.Context(), "node", append(args, pack)...)
	// @pulumi/policy reads the pack's version from package.json in the working directory.
	cmd.Dir = pack
	cmd.Env = req.GetEnv()
	if typescriptEnabled(req.GetInfo()) {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	cmd.Stdout, cmd.Stderr = out.stdout(), out.stderr()
	err = cmd.Run()
	var exited *exec.ExitError
	switch {
	case err == nil:
		return out.exit(0)
	case errors.As(err, &exited):
		return out.exit(int32(exited.ExitCode()))
	default:
		return fmt.Errorf("cannot run the policy pack in %s with node: %w", pack, err)
	}
}

// nodeArguments are the `nodeargs` runtime option, split like a shell would.
func nodeArguments(info *pulumirpc.ProgramInfo) ([]string, error) {
	text, _ := info.GetOptions().AsMap()["nodeargs"].(string)
	return shlex.Split(text)
}

// pluginStream sends a plugin's output as RunPluginResponse messages, one at a time.
type pluginStream struct {
	mu     sync.Mutex
	stream pulumirpc.LanguageRuntime_RunPluginServer
}

func (s *pluginStream) send(response *pulumirpc.RunPluginResponse) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stream.Send(response)
}

func (s *pluginStream) stdout() *chunkWriter {
	return &chunkWriter{s, func(p []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: p}}
	}}
}

func (s *pluginStream) stderr() *chunkWriter {
	return &chunkWriter{s, func(p []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: p}}
	}}
}

func (s *pluginStream) exit(code int32) error {
	return s.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// chunkWriter is an io.Writer that sends each write as one message.
type chunkWriter struct {
	stream  *pluginStream
	message func([]byte) *pulumirpc.RunPluginResponse
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	if err := w.stream.send(w.message(append([]byte(nil), p...))); err != nil {
		return 0, err
	}
	return len(p), nil
}
