package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadUrlsTest {
  /** Packs each (url, folder) pair with one {@link DownloadUrls}, then reads them all back. */
  private static List<String> roundTrip(DownloadUrls urls, List<List<String>> pairs) {
    PackedBytes.Writer writer = new PackedBytes.Writer();
    List<byte[]> packed = new ArrayList<>();
    for (List<String> pair : pairs) {
      urls.pack(writer, pair.get(0), pair.get(1));
      packed.add(writer.take());
    }
    List<String> back = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      back.add(urls.unpack(new PackedBytes.Reader(packed.get(i)), pairs.get(i).get(1)));
    }
    return back;
  }

  @Test
  void givesBackEveryUrlExactlyWhateverItsShape() {
    List<List<String>> pairs =
        List.of(
            List.of("https://content.faforever.com/maps/a.v0001.zip", "a.v0001"),
            List.of("https://content.faforever.com/maps/b.v0002.zip", "b.v0002"),
            // the folder twice, the folder not in the URL, an empty folder, an empty URL
            List.of("https://content.faforever.com/maps/c/c.zip", "c"),
            List.of("https://content.faforever.com/maps/other.zip", "d.v0001"),
            List.of("https://content.faforever.com/maps/e.zip", ""),
            List.of("", "f"),
            // a URL that starts with a kept prefix but not followed by its folder
            List.of("https://content.faforever.com/maps/xg.zip", "g"),
            List.of("\u0000\ud800h\udfff.zip", "h"));

    DownloadUrls urls = new DownloadUrls();

    assertThat(roundTrip(urls, pairs))
        .containsExactlyElementsOf(pairs.stream().map(pair -> pair.get(0)).toList());
  }

  @Test
  void packsUrlsPastTheKeptPrefixesWhole() {
    List<List<String>> pairs = new ArrayList<>();
    for (int host = 0; host < 40; host++) {
      pairs.add(List.of("https://host" + host + ".example/m" + host + ".zip", "m" + host));
    }

    DownloadUrls urls = new DownloadUrls();

    assertThat(roundTrip(urls, pairs))
        .containsExactlyElementsOf(pairs.stream().map(pair -> pair.get(0)).toList());
  }

  @Test
  void keepsASharedPrefixOnce() {
    DownloadUrls urls = new DownloadUrls();
    PackedBytes.Writer writer = new PackedBytes.Writer();
    String prefix = "https://content.faforever.com/maps/";

    urls.pack(writer, prefix + "first.v0001.zip", "first.v0001");
    writer.take();
    urls.pack(writer, prefix + "second.v0001.zip", "second.v0001");

    assertThat(writer.take().length).isLessThan(8); // prefix number and ".zip", not the URL
  }

  @Test
  void keepsAPrefixOfAtMost256Chars() {
    DownloadUrls urls = new DownloadUrls();
    PackedBytes.Writer writer = new PackedBytes.Writer();
    String kept = "https://c/" + "p".repeat(DownloadUrls.MAX_PREFIX_CHARS - 10);
    String tooLong = kept + "q";

    urls.pack(writer, kept + "a.v0001.zip", "a.v0001");
    byte[] shared = writer.take();
    urls.pack(writer, tooLong + "b.v0001.zip", "b.v0001");
    byte[] whole = writer.take();
    urls.pack(writer, tooLong + "c.v0001.zip", "c.v0001");
    byte[] stillWhole = writer.take();

    assertThat(shared.length).isLessThan(8);
    assertThat(whole.length).isGreaterThan(tooLong.length());
    assertThat(stillWhole.length).isGreaterThan(tooLong.length());
    assertThat(urls.unpack(new PackedBytes.Reader(whole), "b.v0001"))
        .isEqualTo(tooLong + "b.v0001.zip");
    assertThat(urls.unpack(new PackedBytes.Reader(shared), "a.v0001"))
        .isEqualTo(kept + "a.v0001.zip");
  }
}
