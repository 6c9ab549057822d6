// Command koyeb-exec-flow exercises the emulator's exec websocket the way koyeb-cli does
// (gorilla/websocket, `Sec-WebSocket-Protocol: Bearer, <token>`, JSON frames with base64 stdio;
// koyeb-api-client-go itself is not served by this machine's Go proxy, so the frames are the spec's
// ExecCommandRequest.Body / StreamResultOfExecCommandReply written as Go structs). It runs commands
// in a HEALTHY instance (stdout, stdin through cat, a non-zero exit code), gets an error frame for a
// STOPPED instance, and is refused with 401 for a wrong token. Prints a JSON report; exits 1 on the
// first failed expectation.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

type execIO struct {
	Data  *string `json:"data,omitempty"`
	Close *bool   `json:"close,omitempty"`
}

type execBody struct {
	Command    []string `json:"command,omitempty"`
	Stdin      *execIO  `json:"stdin,omitempty"`
	DisableTty *bool    `json:"disableTty,omitempty"`
}

type execRequest struct {
	ID   *string   `json:"id,omitempty"`
	Body *execBody `json:"body,omitempty"`
}

type streamResult struct {
	Result *struct {
		Stdout   *execIO `json:"stdout"`
		Stderr   *execIO `json:"stderr"`
		Exited   *bool   `json:"exited"`
		ExitCode *int32  `json:"exit_code"`
	} `json:"result"`
	Error *struct {
		Code    int32  `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type outcome struct {
	Stdout, Stderr string
	ExitCode       int32
	ErrorCode      int32
	ErrorMessage   string
}

func must(ok bool, format string, args ...any) {
	if !ok {
		fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
		os.Exit(1)
	}
}

func dial(token string) (*websocket.Conn, *http.Response, error) {
	u, err := url.Parse(os.Getenv("KOYEB_API_URL"))
	if err != nil {
		return nil, nil, err
	}
	u.Path = "/v1/streams/instances/exec"
	u.Scheme = map[string]string{"https": "wss", "http": "ws"}[u.Scheme]
	headers := http.Header{"Sec-Websocket-Protocol": []string{fmt.Sprintf("Bearer, %s", token)}}
	dialer := websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	return dialer.Dial(u.String(), headers)
}

func run(id string, command []string, stdin string) outcome {
	conn, _, err := dial(os.Getenv("KOYEB_TOKEN"))
	must(err == nil, "dial: %v", err)
	defer conn.Close()
	must(conn.Subprotocol() == "Bearer", "server chose subprotocol %q", conn.Subprotocol())
	yes := true
	must(conn.WriteJSON(execRequest{ID: &id, Body: &execBody{Command: command, DisableTty: &yes}}) == nil, "write command frame")
	data := base64.StdEncoding.EncodeToString([]byte(stdin))
	must(conn.WriteJSON(execRequest{ID: &id, Body: &execBody{Stdin: &execIO{Data: &data, Close: &yes}}}) == nil, "write stdin frame")
	var out outcome
	var stdout, stderr strings.Builder
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		var frame streamResult
		if err := conn.ReadJSON(&frame); err != nil {
			must(false, "read frame: %v", err)
		}
		if frame.Error != nil {
			out.ErrorCode, out.ErrorMessage = frame.Error.Code, frame.Error.Message
			return out
		}
		for _, stream := range []struct {
			io  *execIO
			dst *strings.Builder
		}{{frame.Result.Stdout, &stdout}, {frame.Result.Stderr, &stderr}} {
			if stream.io != nil && stream.io.Data != nil {
				decoded, err := base64.StdEncoding.DecodeString(*stream.io.Data)
				must(err == nil, "base64: %v", err)
				stream.dst.Write(decoded)
			}
		}
		if frame.Result.Exited != nil && *frame.Result.Exited {
			out.Stdout, out.Stderr, out.ExitCode = stdout.String(), stderr.String(), *frame.Result.ExitCode
			return out
		}
	}
}

func instanceWithStatus(status string) string {
	req, _ := http.NewRequest("GET", os.Getenv("KOYEB_API_URL")+"/v1/instances?limit=1&statuses="+status, nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("KOYEB_TOKEN"))
	res, err := http.DefaultClient.Do(req)
	must(err == nil && res.StatusCode == 200, "list instances: %v", err)
	defer res.Body.Close()
	var reply struct {
		Instances []struct{ ID string `json:"id"` } `json:"instances"`
	}
	must(json.NewDecoder(res.Body).Decode(&reply) == nil && len(reply.Instances) == 1, "no %s instance", status)
	return reply.Instances[0].ID
}

func main() {
	healthy := instanceWithStatus("HEALTHY")
	stopped := instanceWithStatus("STOPPED")

	echo := run(healthy, []string{"echo", "hello", "exec"}, "")
	must(echo.Stdout == "hello exec\n" && echo.ExitCode == 0, "echo: %+v", echo)

	cat := run(healthy, []string{"cat"}, "from stdin\n")
	must(cat.Stdout == "from stdin\n" && cat.ExitCode == 0, "cat: %+v", cat)

	failing := run(healthy, []string{"sh", "-c", "echo out; echo err >&2; exit 7"}, "")
	must(failing.Stdout == "out\n" && failing.Stderr == "err\n" && failing.ExitCode == 7, "exit 7: %+v", failing)

	refused := run(stopped, []string{"env"}, "")
	must(refused.ErrorCode == 9 && strings.Contains(refused.ErrorMessage, "STOPPED"), "stopped instance: %+v", refused)

	_, response, err := dial("not-the-token")
	must(err != nil && response != nil && response.StatusCode == 401, "wrong token: %v %+v", err, response)

	report, _ := json.Marshal(map[string]any{"ok": true, "healthy": healthy, "stopped": stopped})
	fmt.Println(string(report))
}
