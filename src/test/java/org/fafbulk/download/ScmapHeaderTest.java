package org.fafbulk.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fafbulk.testing.ScmapBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScmapHeaderTest {
  private static final byte[] PREVIEW = {9, 8, 7, 6, 5, 4, 3, 2, 1};

  private static ScmapHeader read(byte[] bytes) throws Exception {
    return ScmapHeader.read(new ByteArrayInputStream(bytes));
  }

  @ParameterizedTest
  @ValueSource(ints = {53, 56, 60})
  void acceptsTheKnownMinorVersions(int minor) throws Exception {
    byte[] bytes = ScmapBytes.header(ScmapBytes.MAGIC, 2, 1024f, 512f, PREVIEW, minor);

    assertThat(read(bytes)).isEqualTo(new ScmapHeader(1024f, 512f, minor));
  }

  @Test
  void readsAFileAndSkipsALargePreview(@TempDir Path dir) throws Exception {
    byte[] preview = new byte[300_000];
    Arrays.fill(preview, (byte) 0x7f);
    Path scmap = dir.resolve("big.scmap");
    Files.write(scmap, ScmapBytes.header(ScmapBytes.MAGIC, 2, 256f, 256f, preview, 60));

    assertThat(ScmapHeader.read(scmap)).isEqualTo(new ScmapHeader(256f, 256f, 60));
  }

  @Test
  void rejectsBadMagic() {
    byte[] bytes =
        ScmapBytes.header(
            "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), 2, 256f, 256f, PREVIEW, 56);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(ScmapHeader.InvalidScmapException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void rejectsAnotherMajorVersion() {
    byte[] bytes = ScmapBytes.header(ScmapBytes.MAGIC, 3, 256f, 256f, PREVIEW, 56);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(ScmapHeader.InvalidScmapException.class)
        .hasMessageContaining("major version 3");
  }

  @Test
  void readsTheIntCodedSizeTheFaForeverMapEditorWrites() throws Exception {
    assertThat(read(ScmapBytes.intSizedHeader(0x200, 0x200, 60)))
        .isEqualTo(new ScmapHeader(512f, 512f, 60));
    assertThat(read(ScmapBytes.intSizedHeader(4096, 128, 56)))
        .isEqualTo(new ScmapHeader(4096f, 128f, 56));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 64, 100, 500, 513, 8192, -512})
  void rejectsAnIntCodedSizeThatIsNoMapSide(int size) {
    assertThatThrownBy(() -> read(ScmapBytes.intSizedHeader(size, 512, 56)))
        .hasMessageContaining("invalid size");
    assertThatThrownBy(() -> read(ScmapBytes.intSizedHeader(512, size, 56)))
        .hasMessageContaining("invalid size");
  }

  @Test
  void stillRefusesABrokenHeaderWhoseMinorVersionReads512() {
    // An editor backup: the preview length says 4, so the minor version is read from image bytes.
    byte[] bytes = ScmapBytes.header(ScmapBytes.MAGIC, 2, 512f, 512f, new byte[] {0, 0, 0, 0}, 512);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(ScmapHeader.InvalidScmapException.class)
        .hasMessageContaining("minor version 512, expected one of 53, 56, 60");
  }

  @ParameterizedTest
  @ValueSource(
      floats = {
        0f,
        -256f,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        7e-43f,
        100f,
        1000f,
        256.5f,
        64f,
        8192f
      })
  void rejectsAnInvalidSize(float size) {
    byte[] wide = ScmapBytes.header(ScmapBytes.MAGIC, 2, size, 256f, PREVIEW, 56);
    byte[] tall = ScmapBytes.header(ScmapBytes.MAGIC, 2, 256f, size, PREVIEW, 56);

    assertThatThrownBy(() -> read(wide)).hasMessageContaining("invalid size");
    assertThatThrownBy(() -> read(tall)).hasMessageContaining("invalid size");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 52, 54, 59, 61, -1})
  void rejectsAnUnknownMinorVersion(int minor) {
    byte[] bytes = ScmapBytes.header(ScmapBytes.MAGIC, 2, 256f, 256f, PREVIEW, minor);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(ScmapHeader.InvalidScmapException.class)
        .hasMessageContaining("minor version " + minor);
  }

  @Test
  void rejectsANegativePreviewLength() {
    byte[] bytes = ScmapBytes.header(256f, 256f, 56);
    bytes[30] = (byte) 0xff;
    bytes[31] = (byte) 0xff;
    bytes[32] = (byte) 0xff;
    bytes[33] = (byte) 0xff;

    assertThatThrownBy(() -> read(bytes)).hasMessageContaining("invalid preview length -1");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 20, 33, 34, 40, 45})
  void rejectsATruncatedHeader(int length) {
    byte[] whole = ScmapBytes.header(ScmapBytes.MAGIC, 2, 256f, 256f, PREVIEW, 56);
    assertThat(whole).hasSize(47);

    byte[] truncated = Arrays.copyOf(whole, length);

    assertThatThrownBy(() -> read(truncated))
        .isInstanceOf(ScmapHeader.InvalidScmapException.class)
        .hasMessageContaining("truncated");
  }
}
