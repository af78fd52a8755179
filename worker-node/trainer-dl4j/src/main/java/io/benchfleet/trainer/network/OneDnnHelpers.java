package io.benchfleet.trainer.network;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts DL4J's oneDNN helpers on convolution and pooling layers. In 1.0.0-M2.1 DL4J never does so
 * itself: its availability check looks for {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class
 * nd4j-native M2.1 ships under another name, so every convolution falls back to im2col+gemm, 6x
 * slower (docs/dl4j-performance.md). The helpers are only created in the layer constructors and have no
 * setter, hence the reflection. Each layer gets its own helper: a helper caches its op arguments.
 */
public final class OneDnnHelpers {

    private OneDnnHelpers() {
    }

    /** Installs the helpers after {@code network.init()}; on a non-CPU backend it does nothing. */
    public static void install(MultiLayerNetwork network) {
        for (Layer layer : network.getLayers()) {
            // Exact classes: deconvolution and depthwise layers subclass ConvolutionLayer but not its helper.
            if (layer.getClass() == ConvolutionLayer.class) {
                set(ConvolutionLayer.class, layer, new MKLDNNConvHelper(DataType.FLOAT));
            } else if (layer.getClass() == SubsamplingLayer.class) {
                set(SubsamplingLayer.class, layer, new MKLDNNSubsamplingHelper(DataType.FLOAT));
            }
        }
    }

    /** Which helper each layer has, e.g. {@code 0:ConvolutionLayer=MKLDNNConvHelper}, layers without one left out. */
    public static List<String> describe(MultiLayerNetwork network) {
        List<String> helpers = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer.getHelper() != null) {
                helpers.add(layer.getIndex() + ":" + layer.getClass().getSimpleName() + "="
                        + layer.getHelper().getClass().getSimpleName());
            }
        }
        return helpers;
    }

    /**
     * Layers whose helper failed at run time and that silently went back to the built-in
     * implementation; DL4J counts those failures in a protected field.
     */
    public static List<String> fallenBack(MultiLayerNetwork network) {
        List<String> fallen = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            Class<?> owner = layer.getClass() == ConvolutionLayer.class ? ConvolutionLayer.class
                    : layer.getClass() == SubsamplingLayer.class ? SubsamplingLayer.class : null;
            if (owner != null && (int) read(owner, "helperCountFail", layer) > 0) {
                fallen.add(layer.getIndex() + ":" + layer.getClass().getSimpleName());
            }
        }
        return fallen;
    }

    private static void set(Class<?> owner, Layer layer, Object helper) {
        try {
            Field field = owner.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J changed " + owner.getName() + ".helper; cannot install oneDNN", e);
        }
    }

    private static Object read(Class<?> owner, String name, Layer layer) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J changed " + owner.getName() + "." + name, e);
        }
    }
}
