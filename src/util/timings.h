// Where the time of one run went, phase by phase. Each phase is measured
// where it happens (net/connect, app/before_tls, the handshake, the relay)
// and only recorded here; a phase that did not happen stays empty.
#pragma once

#include <chrono>
#include <optional>

namespace sc {

struct Timings {
    using Clock = std::chrono::steady_clock;

    Clock::time_point start = Clock::now();  // when the run began (before DNS)
    std::optional<double> dns_ms;             // getaddrinfo for the host we connect to (the proxy's with -proxy)
    std::optional<double> connect_ms;         // TCP/Unix connect, all addresses tried
    std::optional<double> proxy_ms;           // HTTP CONNECT exchange
    std::optional<double> starttls_ms;        // the plaintext STARTTLS exchange
    std::optional<double> handshake_ms;       // SSL_connect until done or failed
    std::optional<double> first_byte_ms;      // first application data byte, counted from start
    std::optional<double> total_ms;           // start to the moment the report was made

    static double ms_between(Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    }
    double ms_since_start() const { return ms_between(start, Clock::now()); }
};

// Measures one phase: ms_since(t0) where t0 is the phase's start.
inline double ms_since(Timings::Clock::time_point t0) { return Timings::ms_between(t0, Timings::Clock::now()); }

}  // namespace sc
