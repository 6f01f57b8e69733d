"""A minimal client of VTGOConnect's remote API (JSON over WebSocket) for pytest, on Debian's python3-websockets."""

import asyncio
import itertools
import json

import websockets


class ApiError(Exception):
    """A refusal: the manual's error code name, its number and its sentence."""

    def __init__(self, error):
        super().__init__(error["text"])
        self.error = error["error"]
        self.code = error["code"]


class Vtgo:
    """One connection: requests wait for their reply; events a subscription takes are kept in `events`."""

    def __init__(self, socket):
        self.socket = socket
        self.ids = itertools.count(1)
        self.pending = {}
        self.events = []
        self.arrived = asyncio.Condition()
        self.reader = None

    @classmethod
    async def connect(cls, url):
        socket = await websockets.connect(url, max_size=1 << 20, open_timeout=10)
        hello = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert hello["kind"] == "hello", hello
        client = cls(socket)
        client.reader = asyncio.create_task(client._read())
        return client

    async def _read(self):
        async for text in self.socket:
            message = json.loads(text)
            if message["kind"] == "event":
                async with self.arrived:
                    self.events.append(message)
                    self.arrived.notify_all()
            elif message["kind"] == "reply" and message.get("id") in self.pending:
                self.pending.pop(message["id"]).set_result(message)

    async def request(self, command, reply_timeout=30, **fields):
        request_id = next(self.ids)
        reply = asyncio.get_running_loop().create_future()
        self.pending[request_id] = reply
        await self.socket.send(json.dumps({"id": request_id, "command": command, **fields}))
        message = await asyncio.wait_for(reply, reply_timeout)
        if "error" in message:
            raise ApiError(message["error"])
        return message

    async def login(self, user, password):
        return (await self.request("login", user=user, password=password))["result"]

    async def run(self, phone, command, *args):
        """Runs a command of the console on the phone; its result (output lines, callRef, ...)."""
        return (await self.request(command, phone=phone, args=list(args)))["result"]

    async def subscribe(self, **filter):
        return (await self.request("subscribe", filter=filter))["result"]["subscription"]

    async def wait_for(self, timeout=20, **filter):
        """The first event the filter takes, since the request before; AssertionError when none comes in time."""
        message = await self.request("waitfor", reply_timeout=timeout + 30, filter=filter, timeout=timeout)
        assert "timeout" not in message, f"no event {filter}: {message['timeout']}"
        return message["result"]["event"]

    async def seen(self, predicate, timeout=20):
        """Waits until an event a subscription took matches; AssertionError when none comes in time."""
        async with self.arrived:
            try:
                await asyncio.wait_for(self.arrived.wait_for(lambda: any(predicate(e) for e in self.events)), timeout)
            except asyncio.TimeoutError:
                raise AssertionError("no such event within %s s; the events: %s" % (timeout, self.events)) from None

    async def close(self):
        await self.socket.close()
        if self.reader:
            await asyncio.gather(self.reader, return_exceptions=True)
