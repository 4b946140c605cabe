// Scanning bytes sixteen at a time (SSE2, with a plain loop elsewhere) for the hot
// loops of the XML layer, the reference decoder and the sanitizer (internal to feeds/).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sic::text {

#if defined(__SSE2__)
using Bytes16 = __m128i;
inline Bytes16 eq(Bytes16 v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
inline Bytes16 any(Bytes16 a, Bytes16 b) { return _mm_or_si128(a, b); }
// Bytes 0x00-0x1F (a signed compare: bytes from 0x80 on are negative, hence the second test).
inline Bytes16 control(Bytes16 v) {
  return _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                       _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
}
// Bytes 0x80-0xFF.
inline Bytes16 non_ascii(Bytes16 v) { return _mm_cmplt_epi8(v, _mm_setzero_si128()); }
#endif

// The index of the first byte at or after i for which `scalar(byte)` holds, or
// s.size(). `simd(v)` must mark the same bytes of sixteen (0xFF where scalar holds).
template <class Simd, class Scalar>
inline size_t scan(std::string_view s, size_t i, [[maybe_unused]] Simd simd, Scalar scalar) {
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    Bytes16 v = _mm_loadu_si128(reinterpret_cast<const Bytes16*>(s.data() + i));
    if (int mask = _mm_movemask_epi8(simd(v))) return i + size_t(__builtin_ctz(unsigned(mask)));
  }
  if (i < s.size() && s.size() >= 16) {
    // The rest with one load of the last sixteen bytes, those before i left out: most
    // strings scanned are short, and a byte loop over the tail cost more than the rest.
    size_t last = s.size() - 16;
    Bytes16 v = _mm_loadu_si128(reinterpret_cast<const Bytes16*>(s.data() + last));
    unsigned mask = unsigned(_mm_movemask_epi8(simd(v))) >> (i - last);
    return mask ? i + size_t(__builtin_ctz(mask)) : s.size();
  }
#endif
  while (i < s.size() && !scalar(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// scan() that also copies what it passes over to w, which it advances: s[i...] up to
// the byte found. Whole sixteen-byte blocks are stored, so w must have room for 15
// bytes past what is copied.
template <class Simd, class Scalar>
inline size_t copy_scan(std::string_view s, size_t i, char*& w, [[maybe_unused]] Simd simd,
                        Scalar scalar) {
#if defined(__SSE2__)
  while (i + 16 <= s.size()) {
    Bytes16 v = _mm_loadu_si128(reinterpret_cast<const Bytes16*>(s.data() + i));
    _mm_storeu_si128(reinterpret_cast<Bytes16*>(w), v);
    if (int mask = _mm_movemask_epi8(simd(v))) {
      size_t k = size_t(__builtin_ctz(unsigned(mask)));
      w += k;
      return i + k;
    }
    i += 16;
    w += 16;
  }
#endif
  while (i < s.size() && !scalar(static_cast<unsigned char>(s[i]))) *w++ = s[i++];
  return i;
}

// The bytes Cs, as a table.
template <char... Cs>
inline constexpr std::array<bool, 256> kAnyOf = [] {
  std::array<bool, 256> t{};
  ((t[static_cast<unsigned char>(Cs)] = true), ...);
  return t;
}();

// The index of the first byte at or after i that is one of Cs, or s.size().
template <char... Cs>
inline size_t find_any(std::string_view s, size_t i) {
#if defined(__SSE2__)
  auto simd = [](Bytes16 v) {
    Bytes16 hit = _mm_setzero_si128();
    ((hit = any(hit, eq(v, Cs))), ...);
    return hit;
  };
#else
  auto simd = nullptr;
#endif
  return scan(s, i, simd, [](unsigned char c) {
    if constexpr (sizeof...(Cs) == 1) {
      return ((c == static_cast<unsigned char>(Cs)) || ...);
    } else {  // one load instead of a comparison per character
      return kAnyOf<Cs...>[c];
    }
  });
}

// The first byte from 0x80 on (not ASCII) at or after i, or s.size().
inline size_t find_non_ascii(std::string_view s, size_t i) {
#if defined(__SSE2__)
  auto simd = [](Bytes16 v) { return non_ascii(v); };
#else
  auto simd = nullptr;
#endif
  return scan(s, i, simd, [](unsigned char c) { return c >= 0x80; });
}

// '&' and the control characters XML forbids (C0 but TAB, LF and CR): where text stops
// being a plain copy of itself.
inline bool is_reference_or_control(unsigned char c) {
  return c == '&' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
}
#if defined(__SSE2__)
inline Bytes16 reference_or_control(Bytes16 v) {
  Bytes16 allowed = any(any(eq(v, '\t'), eq(v, '\n')), eq(v, '\r'));
  return any(eq(v, '&'), _mm_andnot_si128(allowed, control(v)));
}
#else
constexpr auto reference_or_control = nullptr;
#endif

// The first of those at or after i, or s.size().
inline size_t find_reference_or_control(std::string_view s, size_t i) {
  return scan(s, i, reference_or_control, is_reference_or_control);
}

}  // namespace sic::text
