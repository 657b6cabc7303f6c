# expect: pass
# pattern: grafana style: ARG GF_UID="472" then USER "$GF_UID"
FROM gcr.io/distroless/base-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
ARG GF_UID="472"
ARG GF_GID="0"
COPY --chown=472:0 grafana /usr/share/grafana
WORKDIR /usr/share/grafana
USER "$GF_UID"
EXPOSE 3000
ENTRYPOINT ["/usr/share/grafana/bin/grafana", "server"]
