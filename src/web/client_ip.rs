//! The client's address: the socket peer, unless the peer is a configured
//! trusted proxy, in which case the nearest untrusted address in
//! `X-Forwarded-For`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};

use crate::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(client_ip(
            &parts.headers,
            &parts.extensions,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client's address for a request with these headers and extensions.
pub fn client_ip(headers: &HeaderMap, extensions: &Extensions, trusted: &[IpAddr]) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|item| item.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: [u8; 4], forwarded: Option<&str>) -> (HeaderMap, Extensions) {
        let mut headers = HeaderMap::new();
        if let Some(value) = forwarded {
            headers.insert("x-forwarded-for", value.parse().expect("header"));
        }
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::from((peer, 40000))));
        (headers, extensions)
    }

    #[test]
    fn the_peer_is_the_client_unless_it_is_a_trusted_proxy() {
        let proxy: IpAddr = [10, 0, 0, 2].into();
        let (headers, extensions) = request([203, 0, 113, 9], Some("198.51.100.1"));
        assert_eq!(
            client_ip(&headers, &extensions, &[proxy]),
            IpAddr::from([203, 0, 113, 9])
        );
        let (headers, extensions) = request([10, 0, 0, 2], Some("198.51.100.1, 203.0.113.7"));
        assert_eq!(
            client_ip(&headers, &extensions, &[proxy]),
            IpAddr::from([203, 0, 113, 7])
        );
    }

    #[test]
    fn a_spoofed_forwarded_header_does_not_hide_the_last_untrusted_hop() {
        let proxies: [IpAddr; 2] = [[10, 0, 0, 2].into(), [10, 0, 0, 3].into()];
        let (headers, extensions) = request([10, 0, 0, 2], Some("1.2.3.4, 203.0.113.7, 10.0.0.3"));
        assert_eq!(
            client_ip(&headers, &extensions, &proxies),
            IpAddr::from([203, 0, 113, 7])
        );
    }
}
