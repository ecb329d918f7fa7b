//! The per-address limit on `POST /login`: a burst of `per_minute` attempts,
//! refilled evenly over the minute. Union offices share one address behind NAT,
//! so the default (30) is generous; account lockout is the real guard of a
//! password.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;

use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct LoginLimiter {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl LoginLimiter {
    /// `per_minute` = 0 turns the limit off.
    pub fn new(per_minute: u32) -> Self {
        Self {
            limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
        }
    }

    /// Whether another attempt from `ip` is allowed now (and counts it).
    pub fn allow(&self, ip: IpAddr) -> bool {
        self.check(ip).is_ok()
    }

    /// Counts an attempt from `ip`, or says how long it must wait for the next.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter
            .check_key(&network_of(ip))
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets addresses whose allowance is full again; run periodically.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
        }
    }
}

/// The unit a client controls: its IPv4 address, or its IPv6 /64 (one
/// subscriber's network, in which every address is theirs to use).
fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::V6(Ipv6Addr::new(
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            ))
        }
    }
}

impl fmt::Debug for LoginLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginLimiter")
            .field("enabled", &self.limiter.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_burst_is_the_per_minute_rate_per_address() {
        let limiter = LoginLimiter::new(3);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        assert!((0..3).all(|_| limiter.allow(a)));
        assert!(!limiter.allow(a));
        let wait = limiter.check(a).expect_err("still over the limit");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(limiter.allow(b));
    }

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let limiter = LoginLimiter::new(2);
        let first: IpAddr = "2001:db8:1:2::1".parse().expect("address");
        let second: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("address");
        let elsewhere: IpAddr = "2001:db8:1:3::1".parse().expect("address");
        assert!(limiter.allow(first) && limiter.allow(second));
        assert!(!limiter.allow(first));
        assert!(limiter.allow(elsewhere));
    }
}
