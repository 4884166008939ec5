package dev.cellmonitor.cutover.backend.monitoring.sockets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** WebSocket support for every socket of the backend; each capability registers its own endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketsConfiguration {

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(SocketsProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxTextMessageSize());
        return container;
    }
}
