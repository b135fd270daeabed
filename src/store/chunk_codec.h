// A compact, lossless byte encoding of an ObservationChunk, shared by every store
// implementation. Enterprise ids are delta-coded varints; numbers that are short decimals (as
// every statistical form's figures are) are stored as scaled integers, others as raw doubles.
#ifndef BALLAST_STORE_CHUNK_CODEC_H_
#define BALLAST_STORE_CHUNK_CODEC_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/records.h"

namespace ballast {

std::string EncodeChunk(const ObservationChunk& chunk);
// Decodes into `out` (its indicator and period are left as they are).
Status DecodeChunk(std::string_view bytes, ObservationChunk* out);

}  // namespace ballast

#endif  // BALLAST_STORE_CHUNK_CODEC_H_
