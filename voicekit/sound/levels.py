"""The levels a session is made to: numbers only, so that a plan or a bed's store key needs no numpy."""

# Every clip is levelled to one loudness. The finished session should measure -19 LUFS mono, which is
# -16 LUFS heard on two earbuds, the level spoken-word apps aim for on phones. Clips sit 0.6 LU above
# that because the session reads lower than its clips (measured on the shipped practice): gating blocks
# that straddle speech and silence, and the MP3 encoder, which comes out 0.4 dB quieter. The true-peak
# ceiling leaves room for the encoder's overshoot, so the file stays under -1.5 dBTP.
SPEECH_LUFS = -18.8
CEILING_DBTP = -3.0
