module pulumi-dynamic-compute/test/contract/go/koyeb

go 1.24

require github.com/gorilla/websocket v1.5.3
