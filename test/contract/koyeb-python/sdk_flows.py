"""Drives the emulator with Koyeb's official Python SDK, unmodified: ListInstances (filters, every
page), GetInstance, ListInstanceEvents (every page) and the SDK's typed errors. Endpoint and token
come from KOYEB_API_URL and KOYEB_TOKEN. Prints one JSON report; exits 1 on a failed expectation."""
import json
import os
import sys

from koyeb.api import ApiClient, Configuration
from koyeb.api.api.instances_api import InstancesApi
from koyeb.api.exceptions import NotFoundException, UnauthorizedException, BadRequestException


def expect(ok, message):
    if not ok:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)


def client(token):
    configuration = Configuration(host=os.environ["KOYEB_API_URL"])
    configuration.api_key["Bearer"] = token
    configuration.api_key_prefix["Bearer"] = "Bearer"
    return InstancesApi(ApiClient(configuration))


api = client(os.environ["KOYEB_TOKEN"])

# Every page of HEALTHY instances, 2 at a time.
instances, offset = [], 0
while True:
    reply = api.list_instances(statuses=["HEALTHY"], limit="2", offset=str(offset), order="asc")
    instances.extend(reply.instances)
    offset += len(reply.instances)
    if not reply.instances or offset >= reply.count:
        break
expect(len(instances) == reply.count and len(instances) > 2, f"{len(instances)} instances of {reply.count}")
expect(all(i.status.value == "HEALTHY" for i in instances), "status filter")

first = api.get_instance(instances[0].id).instance
expect(first.id == instances[0].id and first.status.value == "HEALTHY" and first.started_at is not None, f"GetInstance {first}")

by_service = api.list_instances(service_id=first.service_id, limit="100")
expect(all(i.service_id == first.service_id for i in by_service.instances), "service_id filter")

events, offset = [], 0
while True:
    page = api.list_instance_events(instance_ids=[first.id], limit="2", offset=str(offset))
    events.extend(page.events)
    offset += len(page.events)
    if not page.has_next:
        break
expect(len(events) >= 4 and all(e.instance_id == first.id for e in events), f"{len(events)} events")

try:
    api.get_instance("00000000-0000-4000-8000-000000000000")
    expect(False, "GetInstance of an unknown id succeeded")
except NotFoundException as error:
    body = json.loads(error.body)
    expect(error.status == 404 and body["code"] == "not_found", f"404 body {error.body}")

try:
    api.list_instances(limit="1000")
    expect(False, "limit 1000 was accepted")
except BadRequestException as error:
    expect(json.loads(error.body)["fields"][0]["field"] == "limit", f"400 body {error.body}")

try:
    client("wrong-token").list_instances()
    expect(False, "a wrong token was accepted")
except UnauthorizedException as error:
    expect(error.status == 401, f"401 {error}")

print(json.dumps({"ok": True, "healthy": len(instances), "events": len(events)}))
