# faf in a container: docker-compose run --rm faf bulk-download --limit 10 --output-dir /data/maps

# Build stage: the same Maven and JDK as CI; tests and the format check run in CI, not here.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
COPY src src
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

# Runtime stage: a JRE, the shaded jar, and a user that is not root.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 faf \
    && useradd --system --uid 10001 --gid faf --home-dir /data --shell /usr/sbin/nologin faf \
    && mkdir -p /data /opt/faf \
    && chown faf:faf /data
COPY --from=build /src/target/faf.jar /opt/faf/target/faf.jar
COPY faf /opt/faf/faf
USER faf
WORKDIR /data
VOLUME /data
# The ./faf launcher itself, so that the image runs with its JVM options and MALLOC_ARENA_MAX=2
# (see bench/README.md); it finds the jar in place and builds nothing. As with ./faf,
# FAF_JAVA_OPTS replaces the options (docker-compose run -e FAF_JAVA_OPTS="-Xmx1g" faf ...).
ENTRYPOINT ["/opt/faf/faf"]
CMD ["--help"]
