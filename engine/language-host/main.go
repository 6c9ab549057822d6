// Command pulumi-language-nodejs is the Node language host of this repository's engine folder.
//
// The official host of github.com/pulumi/pulumi/sdk/v3 v3.68.0 (the newest release that ships it as a
// package of a module the Go proxy serves) runs the programs. This front speaks the LanguageRuntime
// protocol of the CLI it is installed with, starts that host under another name and forwards every
// call to it, adding what the old host predates:
//   - the program path from the request's program info, so Pulumi.yaml's `main:` is honoured;
//   - the runtime options of Pulumi.yaml (typescript, tsconfig, nodeargs), which today's CLI sends in
//     each request rather than as flags;
//   - RunPlugin, through which today's CLI starts Node policy packs.
package main

import (
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// officialHostName is the v3.68.0 host's file name, beside this executable.
const officialHostName = "pulumi-language-nodejs-v3.68.0"

// Programs' resource registrations can be large; the CLI allows the same.
var messageLimits = []grpc.ServerOption{grpc.MaxRecvMsgSize(math.MaxInt32), grpc.MaxSendMsgSize(math.MaxInt32)}

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	// The CLI's arguments (logging flags, then the engine address) are the official host's too.
	hosts := newOfficialHosts(filepath.Join(filepath.Dir(self), officialHostName), os.Args[1:])
	primary, err := hosts.get(nil)
	if err != nil {
		fail(err)
	}

	options := append([]grpc.ServerOption{
		grpc.ForceServerCodec(passthroughCodec{}),
		grpc.UnknownServiceHandler(primary.forward),
	}, messageLimits...)
	server := grpc.NewServer(options...)
	server.RegisterService(interceptedCalls(), &front{hosts: hosts})

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	// The CLI reads the port from the first line of the plugin's stdout.
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)

	// The official host stops when the engine goes away (its health check); so do we.
	go func() {
		code := primary.wait()
		server.Stop()
		os.Exit(code)
	}()
	if err := server.Serve(listener); err != nil {
		fail(err)
	}
}

// interceptedCalls is the LanguageRuntime service reduced to the calls the front answers itself;
// gRPC hands every other call to the unknown-service handler, which forwards it unchanged.
func interceptedCalls() *grpc.ServiceDesc {
	desc := pulumirpc.LanguageRuntime_ServiceDesc
	desc.Methods = nil
	for _, method := range pulumirpc.LanguageRuntime_ServiceDesc.Methods {
		if method.MethodName == "Run" || method.MethodName == "GetRequiredPlugins" {
			desc.Methods = append(desc.Methods, method)
		}
	}
	desc.Streams = nil
	for _, stream := range pulumirpc.LanguageRuntime_ServiceDesc.Streams {
		if stream.StreamName == "RunPlugin" {
			desc.Streams = append(desc.Streams, stream)
		}
	}
	return &desc
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}
