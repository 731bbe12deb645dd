# The Roster image, built from the release tarball (mvn package: reconciler/target/roster-<version>.tar.gz)
# unpacked into the build context as roster/ — .ci/image does exactly that:
#
#   tar -xzf reconciler/target/roster-<version>.tar.gz -C ctx && mv ctx/roster-<version> ctx/roster
#   cp Dockerfile ctx/ && docker build -t roster:<version> ctx
#
# BASE is any image with a Java 17+ runtime on PATH or in JAVA_HOME: eclipse-temurin:17-jre for
# users with a registry, or a Debian root filesystem with openjdk-17-jre-headless (.ci/image).
#
# Contract: runs as uid/gid 65532 (the chart's runAsUser), never root; nothing under / needs to be
# writable at run time (readOnlyRootFilesystem): the AppCDS archive is made here, at build time,
# and Git caches go to --cache-dir (the chart mounts /var/cache/roster) or $HOME/.cache under /tmp.
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}

# Owned by root and read-only for the user that runs it.
COPY --chown=0:0 roster/ /opt/roster/

# One build-time run makes the launcher's AppCDS archive (lib/cds/) for this image's JVM and path,
# so that a read-only container starts with it; then the user, with /tmp as its home.
RUN /opt/roster/bin/roster version \
 && ls /opt/roster/lib/cds/*.jsa >/dev/null \
 && ln -s /opt/roster/bin/roster /usr/local/bin/roster \
 && (getent group 65532 >/dev/null || echo 'roster:x:65532:' >> /etc/group) \
 && (getent passwd 65532 >/dev/null \
     || echo 'roster:x:65532:65532:roster:/tmp:/usr/sbin/nologin' >> /etc/passwd) \
 && mkdir -p /var/cache/roster && chown 65532:65532 /var/cache/roster

# The heap is sized to the container's memory limit (30% of the chart's 384Mi is 115 MiB; README's
# Benchmarks and "Install on a cluster" give the measured footprint); bin/roster adds serial GC,
# C1 only, 512k stacks, small Netty arenas, heap free ratios 20-40% and two malloc arenas.
# JAVA_OPTS set at run time replaces this line.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=30 -XX:+ExitOnOutOfMemoryError" \
    HOME=/tmp

USER 65532:65532
WORKDIR /tmp
EXPOSE 8080 8081
ENTRYPOINT ["/opt/roster/bin/roster"]
CMD ["--help"]
