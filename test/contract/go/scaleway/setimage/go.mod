module pulumi-dynamic-compute/test/contract/go/scaleway/setimage

go 1.24

require github.com/scaleway/scaleway-sdk-go v1.0.0-beta.20

require gopkg.in/yaml.v2 v2.4.0 // indirect
