"""Unmodified flows of Exoscale's official Python SDK against the emulator.

Reads EXOSCALE_API_ENDPOINT, EXOSCALE_API_KEY and EXOSCALE_API_SECRET; prints one JSON object
with what each step observed. Every request is signed by the SDK itself (requests-exoscale-auth)
and every operation is followed with the SDK's own `wait`.
"""
import json
import os
import sys

from exoscale.api.v2 import Client
from exoscale.api.exceptions import ExoscaleAPIAuthException, ExoscaleAPIClientException

endpoint = os.environ["EXOSCALE_API_ENDPOINT"]
client = Client(os.environ["EXOSCALE_API_KEY"], os.environ["EXOSCALE_API_SECRET"], url=endpoint)
seen = {}


def wait(operation):
    return client.wait(operation["id"])


types = client.list_instance_types()["instance-types"]
by_name = {f'{t["family"]}.{t["size"]}': t["id"] for t in types}
templates = client.list_templates(visibility="public")["templates"]
ubuntu = next(t for t in templates if t["name"] == "Linux Ubuntu 24.04 LTS 64-bit")
seen["zones"] = [z["name"] for z in client.list_zones()["zones"]]

created = wait(client.create_instance(
    name="sdk-1",
    instance_type={"id": by_name["standard.small"]},
    template={"id": ubuntu["id"]},
    disk_size=20,
    labels={"origin": "sdk"},
))
instance_id = created["reference"]["id"]
seen["created"] = client.get_instance(id=instance_id)["state"]
seen["listed"] = [i["id"] for i in client.list_instances(labels="origin=sdk")["instances"]]

wait(client.update_instance(id=instance_id, name="sdk-renamed", labels={"origin": "sdk", "tier": "web"}))
got = client.get_instance(id=instance_id)
seen["updated"] = {"name": got["name"], "labels": got["labels"]}

wait(client.stop_instance(id=instance_id))
seen["stopped"] = client.get_instance(id=instance_id)["state"]
wait(client.scale_instance(id=instance_id, instance_type={"id": by_name["standard.medium"]}))
wait(client.resize_instance_disk(id=instance_id, disk_size=30))
wait(client.start_instance(id=instance_id))
got = client.get_instance(id=instance_id)
seen["scaled"] = {"state": got["state"], "type": f'{got["instance-type"]["family"]}.{got["instance-type"]["size"]}', "disk": got["disk-size"]}

snapshot = wait(client.create_snapshot(id=instance_id))
snapshot_id = snapshot["reference"]["id"]
seen["snapshot"] = client.get_snapshot(id=snapshot_id)["state"]
seen["password"] = bool(client.reveal_instance_password(id=instance_id)["password"])

try:
    client.start_instance(id=instance_id)
    seen["start_running"] = "accepted"
except ExoscaleAPIClientException as error:
    seen["start_running"] = error.response.status_code

wait(client.add_instance_protection(id=instance_id))
try:
    client.delete_instance(id=instance_id)
    seen["delete_protected"] = "accepted"
except ExoscaleAPIAuthException as error:
    seen["delete_protected"] = {"status": error.response.status_code, "message": error.response.json()["message"]}
wait(client.remove_instance_protection(id=instance_id))

wait(client.delete_snapshot(id=snapshot_id))
wait(client.delete_instance(id=instance_id))
seen["remaining"] = [i["id"] for i in client.list_instances()["instances"]]

bad = Client(os.environ["EXOSCALE_API_KEY"], "not-the-secret", url=endpoint)
try:
    bad.list_instances()
    seen["bad_secret"] = "accepted"
except ExoscaleAPIAuthException as error:
    seen["bad_secret"] = {"status": error.response.status_code, "message": error.response.json()["message"]}

json.dump(seen, sys.stdout)
