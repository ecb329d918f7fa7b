# Niudai in a container: build the one binary, ship it on a small Debian.
# Templates, static files and migrations are compiled into the binary.

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
RUN cargo build --release --locked && strip target/release/niudai

FROM debian:bookworm-slim
# postgresql-client-15: pg_dump and pg_restore for `niudai backup` and `niudai restore`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /data --create-home niudai
COPY --from=build /src/target/release/niudai /usr/local/bin/niudai
USER niudai
ENV NIUDAI_BIND=0.0.0.0:8080 \
    NIUDAI_DATA_DIR=/data \
    RUST_LOG=info,sqlx=warn
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["niudai", "serve"]
