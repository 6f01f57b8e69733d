"""Two phones of a farm call each other, driven through the remote API.

Run against a runtime with a farm (phone1 on line 3000, phone2 on 3001) and a user of the API:
    VTGO_API=ws://127.0.0.1:6970/vtgo/api VTGO_USER=ci VTGO_PASSWORD=... pytest-3 examples/pytest
"""

import asyncio
import os

import pytest

from vtgo import ApiError, Vtgo

API = os.environ.get("VTGO_API", "ws://127.0.0.1:6970/vtgo/api")
USER = os.environ.get("VTGO_USER", "ci")
PASSWORD = os.environ.get("VTGO_PASSWORD", "")


async def logged_in():
    client = await Vtgo.connect(API)
    await client.login(USER, PASSWORD)
    return client


def test_phone1_calls_phone2_and_hangs_up():
    async def scenario():
        client = await logged_in()
        try:
            await client.subscribe(phones=["phone1", "phone2"], events=["LineUpdate", "IncomingCall"])
            for phone in ("phone1", "phone2"):
                await client.run(phone, "RunProgram")
                await client.wait_for(phones=[phone], events=["CallManagerConnected"])

            call_ref = (await client.run("phone1", "MakeCall", "3001"))["callRef"]
            ringing = await client.wait_for(phones=["phone2"], states=["TsRingIn"])
            assert ringing["text"].startswith("Event : LineUpdate, Line=1(3001), Button=1, State=4(TsRingIn)")
            await client.run("phone2", "Answer")
            connected = await client.wait_for(phones=["phone1"], callRefs=[call_ref], states=["TsConnected"])
            assert connected["state"] == {"code": 5, "name": "TsConnected"}

            await client.run("phone1", "EndCall")
            await client.wait_for(phones=["phone2"], events=["PartyHangup"])
            # Both lines go idle, in either order: the subscription hears them.
            for phone in ("phone1", "phone2"):
                await client.seen(lambda event: event.get("phone") == phone and event["event"] == "LineUpdate"
                                  and event["state"]["name"] == "TsIdle")

            # The subscription heard phone2 ring with phone1 calling, and both phones connect and go idle.
            incoming = [event for event in client.events if event["event"] == "IncomingCall"]
            assert [event["phone"] for event in incoming] == ["phone2"]
            assert incoming[0]["callerId"] == "3000"
            states = {(event["phone"], event["state"]["name"]) for event in client.events if event["event"] == "LineUpdate"}
            assert {("phone2", "TsRingIn"), ("phone1", "TsConnected"), ("phone2", "TsConnected"),
                    ("phone1", "TsIdle"), ("phone2", "TsIdle")} <= states
        finally:
            await client.close()

    asyncio.run(scenario())


def test_an_unknown_phone_gets_the_manuals_error():
    async def scenario():
        client = await logged_in()
        try:
            with pytest.raises(ApiError) as refused:
                await client.run("phone9", "MakeCall", "3000")
            assert refused.value.error == "ERROR_PHONE_NOT_FOUND"
            assert str(refused.value) == "Error : ERROR_PHONE_NOT_FOUND(8) - There is no phone named phone9; Phones lists them."
        finally:
            await client.close()

    asyncio.run(scenario())
