package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// officialHost is one running v3.68.0 host and a connection to it.
type officialHost struct {
	cmd    *exec.Cmd
	conn   *grpc.ClientConn
	client pulumirpc.LanguageRuntimeClient
	done   chan struct{}
}

// officialHosts starts one official host per set of runtime-option flags: the v3.68.0 host reads
// them once, from its command line, and programs with other options need a host of their own.
type officialHosts struct {
	binary  string
	cliArgs []string
	mu      sync.Mutex
	byFlags map[string]*officialHost
}

func newOfficialHosts(binary string, cliArgs []string) *officialHosts {
	return &officialHosts{binary: binary, cliArgs: cliArgs, byFlags: map[string]*officialHost{}}
}

// get returns the host started with `flags`, starting it on first use.
func (h *officialHosts) get(flags []string) (*officialHost, error) {
	key := strings.Join(flags, "\x00")
	h.mu.Lock()
	defer h.mu.Unlock()
	if host, ok := h.byFlags[key]; ok {
		return host, nil
	}
	// Flags go before the CLI's arguments: the engine address must stay the last one.
	host, err := startOfficialHost(h.binary, append(append([]string{}, flags...), h.cliArgs...))
	if err != nil {
		return nil, err
	}
	h.byFlags[key] = host
	return host, nil
}

func startOfficialHost(binary string, args []string) (*officialHost, error) {
	cmd := exec.Command(binary, args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start the official Node language host %s: %w", binary, err)
	}
	// Like every plugin, it prints its port first; after that its stdout is the program's console.
	reader := bufio.NewReader(stdout)
	line, err := reader.ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the official Node language host %s exited before it printed its port: %w", binary, errors.Join(err, cmd.Wait()))
	}
	go func() { _, _ = io.Copy(os.Stdout, reader) }()

	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(line),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(passthroughCodec{}), grpc.MaxCallRecvMsgSize(math.MaxInt32), grpc.MaxCallSendMsgSize(math.MaxInt32)))
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	host := &officialHost{cmd: cmd, conn: conn, client: pulumirpc.NewLanguageRuntimeClient(conn), done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(host.done)
	}()
	return host, nil
}

// wait blocks until the host process ends and returns its exit code.
func (h *officialHost) wait() int {
	<-h.done
	return h.cmd.ProcessState.ExitCode()
}
