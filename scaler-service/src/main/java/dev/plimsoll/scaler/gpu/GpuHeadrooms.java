package dev.plimsoll.scaler.gpu;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The headroom the loop asks: the gpu-service's (tests may put their own in its place). */
@ApplicationScoped
public class GpuHeadrooms {

  @Produces
  @DefaultBean
  @ApplicationScoped
  GpuHeadroom headroom(GpuServiceHeadroom gpuService) {
    return gpuService;
  }
}
