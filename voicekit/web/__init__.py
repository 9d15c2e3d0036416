"""voicekit serve: a small web app a phone opens on the floor.

In: the practices on the shelf (``voicekit.sequence.shelf``), the files of the output folder, and the
choices a page offers (holds, voice). Out: a library page, a practice page that builds the version
asked for (through ``voicekit.pipeline``, as the CLI does) and plays it, the built files served with
exact Range support, and a podcast feed of them with chapters. No build logic lives here.

``app.make_app(Settings(...))`` is the ASGI app; ``server.serve`` runs it (``voicekit serve``). What a
client may do is bounded in one place each: ``guard`` (host, token, origin), ``connections`` (slow and
idle clients), ``builds`` and ``keep`` (builds, and the disk their versions take), ``words`` (what an
error tells it).
"""
