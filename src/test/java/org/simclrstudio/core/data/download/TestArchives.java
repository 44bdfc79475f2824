package org.simclrstudio.core.data.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds {@code .tar.gz} archives in memory for the download tests. */
public final class TestArchives {

    /** Bytes of one STL-10 image: 3 channels of 96x96. */
    public static final int IMAGE_BYTES = 3 * 96 * 96;

    private record Member(String name, byte[] content, byte linkType, String linkTarget) {
    }

    private final List<Member> members = new ArrayList<>();

    private TestArchives() {
    }

    /** Starts an empty archive. */
    public static TestArchives builder() {
        return new TestArchives();
    }

    /**
     * Starts an archive with a tiny STL-10 layout in {@code stl10_binary/}: 3 train, 2 test and 4
     * unlabelled images of seeded noise, labels 1..10 on disk, the ten class names and one fold line.
     */
    public static TestArchives tinyStl10() {
        Random random = new Random(42);
        TestArchives archive = builder();
        archive.file("stl10_binary/train_X.bin", noise(random, 3 * IMAGE_BYTES));
        archive.file("stl10_binary/train_y.bin", new byte[] {1, 10, 5});
        archive.file("stl10_binary/test_X.bin", noise(random, 2 * IMAGE_BYTES));
        archive.file("stl10_binary/test_y.bin", new byte[] {3, 7});
        archive.file("stl10_binary/unlabeled_X.bin", noise(random, 4 * IMAGE_BYTES));
        archive.file("stl10_binary/class_names.txt",
                "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n".getBytes(StandardCharsets.US_ASCII));
        archive.file("stl10_binary/fold_indices.txt", "0 2 1\n".getBytes(StandardCharsets.US_ASCII));
        return archive;
    }

    static byte[] noise(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Adds a regular file. */
    public TestArchives file(String name, byte[] content) {
        members.add(new Member(name, content, (byte) 0, null));
        return this;
    }

    /** Adds a symbolic link {@code name} pointing at {@code target}. */
    TestArchives symbolicLink(String name, String target) {
        members.add(new Member(name, null, TarConstants.LF_SYMLINK, target));
        return this;
    }

    /** Adds a hard link {@code name} to the archive member {@code target}. */
    TestArchives hardLink(String name, String target) {
        members.add(new Member(name, null, TarConstants.LF_LINK, target));
        return this;
    }

    /** Returns the archive as gzip-compressed tar bytes, members in the order added. */
    public byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Member member : members) {
                if (member.content() != null) {
                    TarArchiveEntry entry = new TarArchiveEntry(member.name(), true);
                    entry.setSize(member.content().length);
                    tar.putArchiveEntry(entry);
                    tar.write(member.content());
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(member.name(), member.linkType(), true);
                    entry.setLinkName(member.linkTarget());
                    tar.putArchiveEntry(entry);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Returns the MD5 checksum of {@code bytes} as 32 lower-case hexadecimal digits. */
    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
