package org.simclrstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaProbeTest {

    private static final String PROC_TEXT = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\n"
            + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n";
    private static final String SMI_HEADER = "+-----------------------------------------------------------------------------------------+\n"
            + "| NVIDIA-SMI 570.86.15              Driver Version: 570.86.15      CUDA Version: 12.8     |\n"
            + "|-----------------------------------------+------------------------+----------------------+\n";
    private static final String SMI_LIST = "GPU 0: NVIDIA H200 (UUID: GPU-0b7c2a7e-1111-2222-3333-444455556666)\n"
            + "GPU 1: NVIDIA GeForce RTX 4090 (UUID: GPU-99999999-aaaa-bbbb-cccc-dddddddddddd)\n";

    @TempDir
    Path temp;

    @Test
    void procFileGivesDriverVersion() {
        assertEquals(Optional.of("550.54.14"), NvidiaProbe.parseProcDriverVersion(PROC_TEXT));
        assertEquals(Optional.empty(), NvidiaProbe.parseProcDriverVersion("garbage"));
    }

    @Test
    void smiHeaderGivesCudaVersion() {
        assertEquals(Optional.of("12.8"), NvidiaProbe.parseSmiCudaVersion(SMI_HEADER));
    }

    @Test
    void smiListGivesGpuNames() {
        assertEquals(List.of("NVIDIA H200", "NVIDIA GeForce RTX 4090"), NvidiaProbe.parseGpuList(SMI_LIST));
    }

    @Test
    void missingDriverMeansNoGpu() {
        GpuInfo info = new NvidiaProbe(temp.resolve("no-such-file"), temp.resolve("no-such-command").toString()).probe();
        assertFalse(info.hasDriver());
        assertEquals("No NVIDIA driver found", info.describe());
    }

    @Test
    void probeRunsSmiCommand() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs a POSIX shell");
        Path script = temp.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = -L ]; then cat <<'END'\n" + SMI_LIST + "END\nelse cat <<'END'\n"
                + SMI_HEADER + "END\nfi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path proc = temp.resolve("version");
        Files.writeString(proc, PROC_TEXT);

        GpuInfo info = new NvidiaProbe(proc, script.toString()).probe();
        assertTrue(info.hasDriver());
        assertEquals(Optional.of("550.54.14"), info.driverVersion());
        assertEquals(12, info.cudaMajor());
        assertEquals(8, info.cudaMinor());
        assertEquals("NVIDIA H200", info.gpuNames().get(0));
        assertEquals("NVIDIA H200, NVIDIA GeForce RTX 4090, driver 550.54.14, CUDA 12.8", info.describe());
    }

    @Test
    void oldDriverCannotEnable() {
        GpuSupport support = new GpuSupport(new CudaLibtorch(temp, CudaLibtorch.DEFAULT_BASE_URI, "2.7.1", "linux-x86_64"),
                new NvidiaProbe());
        GpuInfo old = new GpuInfo(Optional.of("470.1"), Optional.of("11.4"), List.of("Tesla T4"));
        assertTrue(support.checkCanEnable(old).orElseThrow().contains("CUDA 11.4"));
        assertTrue(support.checkCanEnable(GpuInfo.NONE).orElseThrow().contains("No NVIDIA driver"));
        GpuInfo current = new GpuInfo(Optional.of("570.86.15"), Optional.of("12.8"), List.of("NVIDIA H200"));
        assertEquals(Optional.empty(), support.checkCanEnable(current));
        GpuSupport mac = new GpuSupport(new CudaLibtorch(temp, CudaLibtorch.DEFAULT_BASE_URI, "2.7.1", "osx-aarch64"),
                new NvidiaProbe());
        assertTrue(mac.checkCanEnable(current).isPresent());
    }
}
