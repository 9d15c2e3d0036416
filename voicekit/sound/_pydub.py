"""Import pydub without its import-time "Couldn't find ffmpeg" warning; voicekit finds ffmpeg itself."""

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop (audioop-lts on 3.13+)
    from pydub import AudioSegment

__all__ = ["AudioSegment"]
