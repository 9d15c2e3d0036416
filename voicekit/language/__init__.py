"""Languages. In: a BCP 47 tag (``language:``) and a practice's own ``phrases:``. Out: ``phrases.Phrases``,
the one place every phrase voicekit speaks or writes by itself comes from, and the words holds are
written with.

``phrases`` looks a language up and lists the phrase keys; ``base`` says what a language gives;
``en``, ``de``, ``es``, ``fr``, ``it``, ``pt`` (and ``pt-BR``) and ``nl`` are the languages, one module
each: their phrases are data, their numbers a small rule of their own. Nothing here imports the rest
of voicekit.
"""
