// Spanish sentences in the style of the network's news (online safety, helplines,
// schools), for the translation benchmarks.
#pragma once

#include <string>
#include <vector>

namespace sic::bench {

inline const std::vector<std::string>& spanish_sentences() {
  static const std::vector<std::string> sentences{
      "El Centro de Internet Segura organiza una jornada para las familias en Lisboa.",
      "Los jóvenes comparten fotografías en las redes sociales sin pensar en su reputación.",
      "La línea de ayuda recibió más llamadas sobre el acoso escolar durante el invierno.",
      "Los profesores necesitan materiales nuevos para enseñar la alfabetización mediática.",
      "Un estudio reciente muestra que los niños usan el móvil antes de los diez años.",
      "La policía recomienda denunciar cualquier caso de extorsión sexual en internet.",
      "Las empresas tecnológicas deben proteger mejor a los menores en sus plataformas.",
      "El discurso de odio se difunde con rapidez en los comentarios de los vídeos.",
      "Los padres pueden configurar el control parental en la consola de videojuegos.",
      "La campaña de este año habla de las relaciones y la sexualidad en línea.",
      "Los expertos aconsejan hablar con los hijos sobre los riesgos de la red.",
      "El panel de jóvenes presentó sus propuestas ante la Comisión Europea.",
      "Muchos adolescentes pasan más de cuatro horas al día delante de una pantalla.",
      "La nueva guía explica cómo reconocer las noticias falsas y los bulos.",
      "Las escuelas participan en el Día de la Internet Segura con talleres y concursos.",
      "El servicio de denuncia eliminó miles de imágenes de abuso sexual infantil.",
      "Los abuelos también aprenden a usar las aplicaciones de mensajería con seguridad.",
      "El informe anual recoge los principales desafíos para la protección de la infancia.",
      "Una contraseña fuerte y la verificación en dos pasos protegen las cuentas.",
      "Los videojuegos en línea ofrecen oportunidades, pero también algunos riesgos.",
      "La red europea de centros comparte recursos en veinticinco idiomas.",
  };
  return sentences;
}

}  // namespace sic::bench
