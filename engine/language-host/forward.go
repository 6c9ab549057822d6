package main

import (
	"errors"
	"fmt"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// frame is one message in its wire form: calls the front does not look into pass through as bytes,
// so fields the v3.68.0 host does not know survive the trip unchanged.
type frame struct{ payload []byte }

// passthroughCodec moves frames as they are and (un)marshals typed messages as protobuf.
type passthroughCodec struct{}

func (passthroughCodec) Name() string { return "proto" }

func (passthroughCodec) Marshal(v any) ([]byte, error) {
	if f, ok := v.(*frame); ok {
		return f.payload, nil
	}
	message, ok := v.(proto.Message)
	if !ok {
		return nil, fmt.Errorf("cannot marshal %T", v)
	}
	return proto.Marshal(message)
}

func (passthroughCodec) Unmarshal(data []byte, v any) error {
	if f, ok := v.(*frame); ok {
		f.payload = append([]byte(nil), data...)
		return nil
	}
	message, ok := v.(proto.Message)
	if !ok {
		return fmt.Errorf("cannot unmarshal into %T", v)
	}
	return proto.Unmarshal(data, message)
}

// forward relays one call (unary or streaming) to the host and its answers back, error status included.
func (h *officialHost) forward(_ any, in grpc.ServerStream) error {
	method, ok := grpc.MethodFromServerStream(in)
	if !ok {
		return errors.New("no method name on the incoming call")
	}
	out, err := h.conn.NewStream(in.Context(), &grpc.StreamDesc{ClientStreams: true, ServerStreams: true}, method)
	if err != nil {
		return err
	}
	go func() {
		for {
			var request frame
			if err := in.RecvMsg(&request); err != nil {
				_ = out.CloseSend()
				return
			}
			if err := out.SendMsg(&request); err != nil {
				return
			}
		}
	}()
	for {
		var answer frame
		if err := out.RecvMsg(&answer); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := in.SendMsg(&answer); err != nil {
			return err
		}
	}
}
