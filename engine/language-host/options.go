package main

import (
	"fmt"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// hostFlags turns the program's runtime options (Pulumi.yaml `runtime.options`, sent in each
// request's program info) into the command-line flags the v3.68.0 host reads them from.
func hostFlags(info *pulumirpc.ProgramInfo) ([]string, error) {
	options := info.GetOptions().AsMap()
	var flags []string
	if value, ok := options["typescript"]; ok {
		typescript, ok := value.(bool)
		if !ok {
			return nil, fmt.Errorf("runtime option typescript must be true or false, got %v", value)
		}
		flags = append(flags, "-typescript="+strconv.FormatBool(typescript))
	}
	for _, name := range []string{"tsconfig", "nodeargs"} {
		if value, ok := options[name]; ok {
			text, ok := value.(string)
			if !ok {
				return nil, fmt.Errorf("runtime option %s must be a string, got %v", name, value)
			}
			flags = append(flags, "-"+name+"="+text)
		}
	}
	return flags, nil
}

// typescriptEnabled is the typescript option's value; the host's default is true.
func typescriptEnabled(info *pulumirpc.ProgramInfo) bool {
	value, ok := info.GetOptions().AsMap()["typescript"].(bool)
	return !ok || value
}
